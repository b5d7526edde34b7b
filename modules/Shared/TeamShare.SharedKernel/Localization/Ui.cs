namespace TeamShare.SharedKernel.Localization;

/// <summary>
/// The product's words (issue 11): <c>Ui.resx</c> in English, <c>Ui.pl.resx</c> in Polish, keyed by the English text, read
/// through <c>IStringLocalizer&lt;Ui&gt;</c> in pages and endpoints. A test fails when a key is in one file and not the other.
/// </summary>
public sealed class Ui;
