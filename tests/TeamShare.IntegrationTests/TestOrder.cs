// Issue 26.5: classes marked [StartsEarly] start first, so their waits overlap the other classes' work.
[assembly: TestCollectionOrderer("TeamShare.IntegrationTests.StartsEarlyOrderer", "TeamShare.IntegrationTests")]
