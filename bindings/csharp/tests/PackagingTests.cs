using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Xml;
using Bunq.Tests.Support;
using NUnit.Framework;

namespace Bunq.Tests
{
    /// <summary>
    /// The binding as a program uses it: one assembly, Bunq.dll (built by <c>make csharp</c>,
    /// as run_tests.sh does), referenced by the program, with libbunq.so found next to it.
    /// </summary>
    [TestFixture]
    public sealed class PackagingTests
    {
        /// <summary>Bunq.dll carries bunq-context's version, the same as the library's.</summary>
        [Test]
        public void TheAssemblyCarriesTheLibrarysVersion()
        {
            Assembly assembly = typeof(Client).Assembly;
            Assert.AreEqual("Bunq", assembly.GetName().Name);
            Assert.AreEqual(Library.Version + ".0", assembly.GetName().Version.ToString());
            var informational = (AssemblyInformationalVersionAttribute)assembly.GetCustomAttribute(
                typeof(AssemblyInformationalVersionAttribute));
            Assert.AreEqual(Library.Version, informational.InformationalVersion);
        }

        /// <summary>The repository's address in every package's metadata (a placeholder until
        /// published).</summary>
        private const string Repository = "https://github.com/bunq-context/bunq-context";

        /// <summary>
        /// Bunq.csproj (the .NET SDK's project, which <c>dotnet pack</c> makes the NuGet package
        /// from) carries complete, current metadata: the id, the version of the library, the
        /// licence expression, the repository, and a README and both licence texts that exist.
        /// </summary>
        [Test]
        public void TheProjectFileCarriesCompleteMetadata()
        {
            string directory = Path.Combine(TestEnvironment.RepoRoot, "bindings", "csharp");
            var project = new XmlDocument();
            project.Load(Path.Combine(directory, "Bunq.csproj"));

            Assert.AreEqual("BunqContext", Property(project, "PackageId"));
            Assert.AreEqual(Library.Version, Property(project, "Version"));
            Assert.AreEqual("The bunq-context authors", Property(project, "Authors"));
            Assert.AreEqual("MIT OR Apache-2.0", Property(project, "PackageLicenseExpression"));
            Assert.AreEqual(Repository, Property(project, "RepositoryUrl"));
            Assert.AreEqual(Repository, Property(project, "PackageProjectUrl"));
            StringAssert.Contains("bunq", Property(project, "Description"));
            string readme = Property(project, "PackageReadmeFile");
            var packed = new List<string>();
            foreach (XmlNode item in project.SelectNodes("/Project/ItemGroup/None[@Pack='true']"))
            {
                string included = item.Attributes["Include"].Value;
                Assert.IsTrue(File.Exists(Path.Combine(directory, included)), included + " does not exist");
                packed.Add(Path.GetFileName(included));
            }
            CollectionAssert.IsSubsetOf(new[] { readme, "LICENSE-MIT", "LICENSE-APACHE" }, packed);
            string readmeText = File.ReadAllText(Path.Combine(directory, readme));
            StringAssert.Contains(Repository, readmeText);
            StringAssert.DoesNotContain("](../", readmeText);
        }

        private static string Property(XmlDocument project, string name)
        {
            XmlNode node = project.SelectSingleNode("/Project/PropertyGroup/" + name);
            Assert.IsNotNull(node, name + " is missing");
            return node.InnerText.Trim();
        }

        /// <summary>
        /// A program, Bunq.dll and libbunq.so in one directory, run from another directory with
        /// no LD_LIBRARY_PATH: mono's DllImport finds the library next to Bunq.dll.
        /// </summary>
        [Test]
        public void TheNativeLibraryIsFoundNextToBunqDll()
        {
            string application = TestEnvironment.NewScratchDirectory("next-to-bunq-dll");
            File.Copy(typeof(Client).Assembly.Location, Path.Combine(application, "Bunq.dll"));
            File.Copy(TestEnvironment.NativeLibrary, Path.Combine(application, "libbunq.so"));
            string source = Path.Combine(application, "Probe.cs");
            File.WriteAllText(source,
                "public static class Probe {\n" +
                "    public static void Main() {\n" +
                "        Bunq.KeyPair keys = Bunq.KeyPair.Generate();\n" +
                "        System.Console.WriteLine(Bunq.Library.Version + \" \" + keys.PublicKeyPem.Length);\n" +
                "    }\n" +
                "}\n");
            TestEnvironment.CompileAgainstBunq(Path.Combine(application, "Probe.exe"), source);

            CommandResult run = TestEnvironment.Run(
                "mono", new[] { Path.Combine(application, "Probe.exe") },
                TestEnvironment.NewScratchDirectory("elsewhere"),
                new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = null, ["MONO_PATH"] = null });

            Assert.AreEqual(0, run.ExitCode, run.ToString());
            StringAssert.StartsWith(Library.Version + " ", run.Output);
            StringAssert.IsMatch(@"^\S+ \d{3}\s*$", run.Output, "a key was generated by the library");
        }
    }
}
