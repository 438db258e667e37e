using System;
using System.IO;
using System.Linq;

namespace Bunq
{
    /// <summary>
    /// The native library, libbunq: its version, and the check that it is the one this
    /// assembly was written for. Every entry point of this package makes that check on first
    /// use, so a missing or mismatched libbunq is a clear <see cref="LibraryLoadException"/>,
    /// never a crash or a wrong call.
    /// </summary>
    /// <remarks>
    /// Mono looks for <c>libbunq.so</c> beside the assembly first, then on
    /// <c>LD_LIBRARY_PATH</c> and the system's library path; a <c>Bunq.dll.config</c> with
    /// <c>&lt;dllmap dll="bunq" target="/path/to/libbunq.so"/&gt;</c> names another file.
    /// </remarks>
    public static class Library
    {
        /// <summary>The ABI version of bunq.h this assembly was generated for
        /// (<c>BUNQ_ABI_VERSION</c>).</summary>
        public const uint ExpectedAbiVersion = NativeMethods.AbiVersion;

        private static readonly object Gate = new object();
        private static volatile bool compatible;

        /// <summary>The loaded library's version, e.g. <c>"0.1.0"</c>.</summary>
        public static string Version
        {
            get
            {
                EnsureCompatible();
                return Interop.StaticString(NativeMethods.bunq_version());
            }
        }

        /// <summary>The loaded library's ABI version (read without checking it).</summary>
        /// <exception cref="LibraryLoadException">libbunq cannot be loaded at all.</exception>
        public static uint AbiVersion => LoadedAbiVersion();

        /// <summary>The name bunq.h gives a status, e.g. <c>"BUNQ_ERROR_API"</c>.</summary>
        public static string StatusName(Status status)
        {
            EnsureCompatible();
            return Interop.StaticString(NativeMethods.bunq_status_name((int)status));
        }

        /// <summary>
        /// Checks, once per process, that libbunq loads and has the expected ABI version.
        /// A failed check is not remembered: every later call fails the same way.
        /// </summary>
        /// <exception cref="LibraryLoadException">libbunq is missing or not this ABI version.</exception>
        public static void EnsureCompatible()
        {
            if (compatible)
            {
                return;
            }
            lock (Gate)
            {
                uint found = LoadedAbiVersion();
                if (found != ExpectedAbiVersion)
                {
                    throw new LibraryLoadException(
                        $"{LoadedPath() ?? "libbunq"} has ABI version {found}, but this Bunq.dll " +
                        $"was written for ABI version {ExpectedAbiVersion}: use the libbunq built " +
                        "from the same bunq-context release as Bunq.dll.");
                }
                compatible = true;
            }
        }

        private static uint LoadedAbiVersion()
        {
            try
            {
                return NativeMethods.bunq_abi_version();
            }
            catch (DllNotFoundException e)
            {
                throw new LibraryLoadException(
                    "libbunq.so could not be loaded: put it beside your program's assemblies, or " +
                    "its directory on LD_LIBRARY_PATH, or map \"bunq\" to its path with a dllmap " +
                    "in Bunq.dll.config", e);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new LibraryLoadException(
                    $"{LoadedPath() ?? "the library loaded as libbunq"} is not libbunq: it has no " +
                    "bunq_abi_version function", e);
            }
        }

        /// <summary>Where the loaded libbunq lives, from the process's memory map (Linux),
        /// so that a mismatch names the file to replace; null when it cannot be told.</summary>
        private static string LoadedPath()
        {
            try
            {
                return File.ReadLines("/proc/self/maps")
                    .Select(line => line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
                    .Where(fields => fields.Length >= 6)
                    .Select(fields => string.Join(" ", fields.Skip(5)))
                    .FirstOrDefault(path => Path.GetFileName(path).StartsWith("libbunq", StringComparison.Ordinal));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
