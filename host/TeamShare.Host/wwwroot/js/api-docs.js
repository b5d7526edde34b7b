// Renders the OpenAPI document as a table of routes.
import { t } from '/js/teamshare.js';
(async () => {
  const status = document.getElementById('api-status');
  const body = document.querySelector('#api-routes tbody');
  try {
    const doc = await (await fetch('/openapi/v1.json')).json();
    for (const [route, operations] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(operations)) {
        const row = body.insertRow();
        row.insertCell().textContent = method.toUpperCase();
        const code = document.createElement('code');
        code.textContent = route;
        row.insertCell().append(code);
        row.insertCell().textContent = op.summary ?? '';
      }
    }
    status.textContent = `${body.rows.length} operations.`;
  } catch {
    status.textContent = t('The API description could not be loaded.');
  }
})();
