using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>Starts the fake bunq server once, before the first test of this namespace, and
    /// stops it after the last.</summary>
    [SetUpFixture]
    public sealed class TestRun
    {
        /// <summary>Once, before the first test.</summary>
        [SetUp]
        public void StartFakeServer() => TestEnvironment.Start();

        /// <summary>Once, after the last test.</summary>
        [TearDown]
        public void StopFakeServer() => TestEnvironment.Stop();
    }
}
