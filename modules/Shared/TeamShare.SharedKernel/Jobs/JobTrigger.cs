namespace TeamShare.SharedKernel.Jobs;

/// <summary>Asks for a module's recurring sweep to run now (say, mail right after a share), without waiting for its schedule.</summary>
public interface IJobTrigger
{
    void Trigger(string jobId);
}
