//! Replacing a file of secrets atomically, without leaving a copy behind.
//!
//! A saved context holds the API key, the tokens and the private key. It is replaced the
//! usual way (a new file beside the old one, renamed over it: a crash leaves the old file or
//! the new one, never half of one), with two more guarantees:
//!
//! - **No copy left behind.** On Linux the new content is written to an anonymous file
//!   (`O_TMPFILE`): it has no name until it is complete, so a crash while writing leaves
//!   nothing. It is then linked under a temporary name and renamed into place at once. While
//!   it has that name the writer holds a lock on it; each save first removes the temporary
//!   files of earlier saves of the same file whose writer is gone (no lock), so the rare
//!   copy left by a crash between link and rename does not outlive the next save. Elsewhere
//!   (or on a file system without `O_TMPFILE`) the temporary file is named from the start,
//!   locked, and cleaned up the same way.
//! - **Links are kept.** A path that is a symbolic link is followed to its target, which is
//!   replaced (atomically, in its own directory); the link stays, as it does for the
//!   official SDKs, which simply write to the path.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result, excerpt};

/// Symbolic links followed before giving up (the kernel's own limit is 40).
const MAX_LINKS: usize = 40;
/// Temporary names are `.<name>.<12 hex digits>.tmp`.
const RANDOM_HEX_DIGITS: usize = 12;

/// Replaces the file at `path` (or at the end of the links it is) with `contents`, readable
/// and writable by the owner only.
pub(crate) fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    let target = follow_links(path)?;
    let name = target
        .file_name()
        .ok_or_else(|| Error::invalid_input(format!("{} is not a file path", shown(path))))?;
    let directory = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_leftovers(&directory, name);
    let temporary = directory.join(temporary_name(name)?);
    let written = write_new(&directory, &temporary, contents).and_then(|file| {
        fs::rename(&temporary, &target).map_err(|error| io_error("replace", &target, error))?;
        drop(file); // the lock goes once the name is gone
        sync_directory(&directory);
        Ok(())
    });
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// The path a write to `path` really lands on: symbolic links followed (relative ones from
/// the link's directory). A dangling link gives its target, which is then created.
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target =
                    fs::read_link(&current).map_err(|error| io_error("read", &current, error))?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::new(
        ErrorKind::Io,
        format!(
            "{} is a chain of more than {MAX_LINKS} symbolic links",
            shown(path)
        ),
    ))
}

fn temporary_name(name: &std::ffi::OsStr) -> Result<OsString> {
    let mut random = [0u8; RANDOM_HEX_DIGITS / 2];
    getrandom::fill(&mut random)
        .map_err(|error| Error::new(ErrorKind::Io, format!("no randomness: {error}")))?;
    let suffix: String = random.iter().map(|byte| format!("{byte:02x}")).collect();
    let mut temporary = OsString::from(".");
    temporary.push(name);
    temporary.push(format!(".{suffix}.tmp"));
    Ok(temporary)
}

/// Whether `candidate` is a temporary name [`temporary_name`] made for `name`.
fn is_temporary_of(candidate: &std::ffi::OsStr, name: &std::ffi::OsStr) -> bool {
    let (Some(candidate), Some(name)) = (candidate.to_str(), name.to_str()) else {
        return false;
    };
    candidate
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .is_some_and(|hex| {
            hex.len() == RANDOM_HEX_DIGITS && hex.bytes().all(|byte| byte.is_ascii_hexdigit())
        })
}

/// Removes the temporary files earlier saves of `name` left behind (a crash). One that is
/// locked belongs to a save in progress, in this or another process, and stays.
fn remove_leftovers(directory: &Path, name: &std::ffi::OsStr) {
    let Ok(entries) = fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temporary_of(&entry.file_name(), name) && lock::is_abandoned(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `contents` to a new, locked file that ends up named `temporary`. Returns it open,
/// so that the lock lasts until it has been renamed.
fn write_new(directory: &Path, temporary: &Path, contents: &[u8]) -> Result<File> {
    #[cfg(target_os = "linux")]
    if let Some(anonymous) = anonymous::create(directory) {
        let mut file = anonymous.map_err(|error| io_error("create a file in", directory, error))?;
        fill(&mut file, contents).map_err(|error| io_error("write", temporary, error))?;
        lock::hold(&file).map_err(|error| io_error("lock", temporary, error))?;
        anonymous::link(&file, temporary).map_err(|error| io_error("create", temporary, error))?;
        return Ok(file);
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(temporary)
        .map_err(|error| io_error("create", temporary, error))?;
    lock::hold(&file).map_err(|error| io_error("lock", temporary, error))?;
    fill(&mut file, contents).map_err(|error| io_error("write", temporary, error))?;
    Ok(file)
}

fn fill(file: &mut File, contents: &[u8]) -> io::Result<()> {
    file.write_all(contents)?;
    file.sync_all()
}

/// Makes the rename itself durable (best effort: not every system can sync a directory).
fn sync_directory(directory: &Path) {
    if let Ok(handle) = File::open(directory) {
        let _ = handle.sync_all();
    }
}

/// A path as a message shows it: cut, since a caller may pass anything.
fn shown(path: &Path) -> String {
    excerpt(&path.display().to_string())
}

pub(crate) fn io_error(action: &str, path: &Path, error: io::Error) -> Error {
    Error::new(
        ErrorKind::Io,
        format!("could not {action} {}: {error}", shown(path)),
    )
    .with_source(error)
}

/// Anonymous files (`O_TMPFILE`) and giving them a name.
#[cfg(target_os = "linux")]
mod anonymous {
    use std::fs::{File, OpenOptions};
    use std::io;
    use std::path::Path;

    use rustix::fs::{AtFlags, CWD, OFlags};
    use rustix::io::Errno;

    /// An unnamed owner-only file in `directory`; `None` when the file system cannot make
    /// one (the caller then uses a named file).
    pub(super) fn create(directory: &Path) -> Option<io::Result<File>> {
        use std::os::unix::fs::OpenOptionsExt;
        let opened = OpenOptions::new()
            .write(true)
            .mode(0o600)
            .custom_flags(OFlags::TMPFILE.bits() as i32)
            .open(directory);
        let unsupported = [Errno::OPNOTSUPP, Errno::ISDIR, Errno::INVAL];
        match opened {
            Err(error)
                if unsupported
                    .iter()
                    .any(|errno| error.raw_os_error() == Some(errno.raw_os_error())) =>
            {
                None
            }
            other => Some(other),
        }
    }

    /// Gives the anonymous `file` the name `path` (which must not exist). `/proc/self/fd/N`
    /// names the open file, and AT_SYMLINK_FOLLOW links the file itself rather than that
    /// magic link (open(2), O_TMPFILE).
    pub(super) fn link(file: &File, path: &Path) -> io::Result<()> {
        use std::os::unix::io::AsRawFd;
        let source = format!("/proc/self/fd/{}", file.as_raw_fd());
        rustix::fs::linkat(CWD, source.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW)
            .map_err(io::Error::from)
    }
}

/// Advisory locks that say "a save is writing this file".
mod lock {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    /// Locks `file` for as long as it is open.
    #[cfg(unix)]
    pub(super) fn hold(file: &File) -> io::Result<()> {
        rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
            .map_err(io::Error::from)
    }

    /// Whether the temporary file at `path` is no save's any more (nobody holds its lock).
    #[cfg(unix)]
    pub(super) fn is_abandoned(path: &Path) -> bool {
        use std::os::unix::fs::OpenOptionsExt;
        let Ok(file) = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(path)
        else {
            return false;
        };
        // Closing the file releases the lock taken to test it.
        hold(&file).is_ok()
    }

    #[cfg(not(unix))]
    pub(super) fn hold(_file: &File) -> io::Result<()> {
        Ok(())
    }

    /// Without advisory locks, a leftover cannot be told from a save in progress: kept.
    #[cfg(not(unix))]
    pub(super) fn is_abandoned(_path: &Path) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn temporary_names_are_recognised_and_nothing_else() {
        let name = OsStr::new("bunq.conf");
        let temporary = temporary_name(name).unwrap();
        assert!(is_temporary_of(&temporary, name));
        for other in [
            ".bunq.conf.tmp",
            ".bunq.conf.12345678901z.tmp",
            ".bunq.conf.123456789012.tmp.x",
            "bunq.conf",
            ".other.conf.123456789012.tmp",
        ] {
            assert!(!is_temporary_of(OsStr::new(other), name), "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_leftover_is_removed_by_the_next_save_unless_a_save_holds_it() {
        // Removed when dropped, also when an assertion fails.
        let scratch = tempfile::Builder::new()
            .prefix("bunq-atomic-file-")
            .tempdir()
            .unwrap();
        let directory = scratch.path();
        let path = directory.join("bunq.conf");
        let abandoned = directory.join(".bunq.conf.0123456789ab.tmp");
        let busy = directory.join(".bunq.conf.ba9876543210.tmp");
        fs::write(&abandoned, "old secrets").unwrap();
        fs::write(&busy, "a save in progress").unwrap();
        let in_progress = File::open(&busy).unwrap();
        lock::hold(&in_progress).unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert!(!abandoned.exists(), "the crash's leftover is gone");
        assert!(busy.exists(), "a locked file is someone's save in progress");
        drop(in_progress);
        replace(&path, b"newer").unwrap();
        assert!(!busy.exists());
        let mode = {
            use std::os::unix::fs::PermissionsExt;
            fs::metadata(&path).unwrap().permissions().mode() & 0o777
        };
        assert_eq!(mode, 0o600);
    }
}
