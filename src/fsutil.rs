//! File-system helpers for every file parallax reads or writes at a path the user (or a story)
//! names: what kind of thing a path is, opening a regular file for reading without ever
//! blocking on a FIFO, reading with a bound, and replacing a file atomically.
//!
//! The one decision to know: a temporary file is created exclusively (`O_EXCL`, so never through
//! a link) under an unpredictable name in the target's folder, then renamed into place. Nobody
//! who can write to that folder can make a write land anywhere else, whatever they plant there.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read, Write};
use std::path::Path;

/// What a path names, once links are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    /// A link (only when asked without following links) or something without a name here.
    Other,
}

impl Kind {
    pub fn of(file_type: FileType) -> Kind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let special = [
                (file_type.is_fifo(), Kind::Fifo),
                (file_type.is_char_device(), Kind::CharDevice),
                (file_type.is_block_device(), Kind::BlockDevice),
                (file_type.is_socket(), Kind::Socket),
            ];
            if let Some(&(_, kind)) = special.iter().find(|(is, _)| *is) {
                return kind;
            }
        }
        if file_type.is_file() {
            Kind::File
        } else if file_type.is_dir() {
            Kind::Folder
        } else {
            Kind::Other
        }
    }

    /// "a folder", "a FIFO (named pipe)": for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::File => "a regular file",
            Kind::Folder => "a folder",
            Kind::Fifo => "a FIFO (named pipe)",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Socket => "a socket",
            Kind::Other => "an unknown kind of file",
        }
    }
}

/// Why a file could not be opened or read.
#[derive(Debug)]
pub enum ReadError {
    /// The path names something other than a regular file; it was not read.
    NotRegular(Kind),
    /// More than the limit: the size when known, else the limit plus one.
    TooLarge(u64),
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Opens a regular file for reading. What the path names is checked before opening, so a FIFO
/// is refused instead of waited on, and again on the opened file (opened without blocking), so
/// something swapped in between is neither waited on nor read.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let kind = Kind::of(std::fs::metadata(path)?.file_type());
    if kind != Kind::File {
        return Err(ReadError::NotRegular(kind));
    }
    // Without waiting for a writer, should a FIFO have been swapped in since the check.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    match Kind::of(meta.file_type()) {
        Kind::File => Ok((file, meta)),
        other => Err(ReadError::NotRegular(other)),
    }
}

/// Reads at most `limit` bytes, whatever the reader claims to be; more is
/// `ReadError::TooLarge`. `known` is the size when known in advance, which fails early.
pub fn read_limited(reader: impl Read, known: Option<u64>, limit: u64) -> Result<Vec<u8>, ReadError> {
    if let Some(size) = known.filter(|&s| s > limit) {
        return Err(ReadError::TooLarge(size));
    }
    let capacity = known.unwrap_or(0).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(
            known.unwrap_or(bytes.len() as u64).max(limit.saturating_add(1)),
        ));
    }
    Ok(bytes)
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    read_limited(file, Some(meta.len()), limit)
}

/// Whether what `path` names may be written through a link there: it is no link, or the link
/// belongs to root or to the owner of its folder (the kernel's rule for links in shared folders,
/// `fs.protected_symlinks`). A link someone else left in a folder they can write to is not
/// followed, so it cannot steer a write to a device of their choosing.
pub fn link_may_be_followed(path: &Path) -> io::Result<bool> {
    let link = std::fs::symlink_metadata(path)?;
    if !link.file_type().is_symlink() {
        return Ok(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let folder = std::fs::metadata(folder_of(path))?;
        Ok(link.uid() == 0 || link.uid() == folder.uid())
    }
    #[cfg(not(unix))]
    Ok(true)
}

/// The folder a path's last component lies in; `.` for a bare name.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// What to do when the target name is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    /// Leave it and fail with `io::ErrorKind::AlreadyExists`, even if it appeared a moment ago.
    Fail,
    /// Replace it (a link there is replaced, never followed).
    Replace,
}

/// Writes `bytes` as the file `path` atomically: a temporary file created exclusively under an
/// unpredictable name in the same folder, written and synced, then renamed into place and the
/// folder synced. Readers see the old file or the new one, never part of either; on failure the
/// temporary file is removed. The new file gets the permissions any new file gets (0666 less
/// the umask). What is at `path` is never written through: callers that mean to write to a
/// device or a FIFO open it themselves.
pub fn write_atomically(path: &Path, bytes: &[u8], if_exists: IfExists) -> io::Result<()> {
    let dir = folder_of(path);
    if path.file_name().is_none() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a file path"));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".parallax-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match if_exists {
        IfExists::Replace => {
            tmp.persist(path).map_err(|e| e.error)?;
        }
        IfExists::Fail => persist_if_free(tmp, path, bytes)?,
    }
    if let Ok(d) = File::open(dir) {
        // Some file systems cannot sync a folder; the file is in place either way.
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives the temporary file the name only if the name is free: the check and the rename are one
/// step. Where the file system can do neither a no-replace rename nor a link, the file is
/// created only if absent (still exclusively) and written in place.
fn persist_if_free(tmp: tempfile::NamedTempFile, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let unsupported = match tmp.persist_noclobber(path) {
        Ok(_) => return Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => return Err(e.error),
        // Dropping the temporary file removes it.
        Err(e) => e.file,
    };
    drop(unsupported);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .inspect_err(|_| {
            // The file was created here a moment ago: no one else's data is removed.
            let _ = std::fs::remove_file(path);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_taken_name_is_kept_or_replaced_as_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("notes.json");
        write_atomically(&path, b"one", IfExists::Fail).expect("free name");
        let err = write_atomically(&path, b"two", IfExists::Fail).expect_err("taken");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).expect("kept"), b"one");
        write_atomically(&path, b"three", IfExists::Replace).expect("replaced");
        assert_eq!(std::fs::read(&path).expect("replaced"), b"three");
        assert_eq!(names(dir.path()), ["notes.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_name_is_replaced_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "victim").expect("victim");
        let path = dir.path().join("out.txt");
        std::os::unix::fs::symlink(&victim, &path).expect("link");
        let err = write_atomically(&path, b"new", IfExists::Fail).expect_err("taken by the link");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        write_atomically(&path, b"new", IfExists::Replace).expect("replaced");
        assert!(std::fs::symlink_metadata(&path).expect("there").is_file());
        assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "victim");
    }

    #[cfg(unix)]
    #[test]
    fn the_new_file_is_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("view.html");
        write_atomically(&path, b"x", IfExists::Fail).expect("written");
        let created = dir.path().join("plain");
        File::create(&created).expect("plain file");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&created));
    }

    #[test]
    fn a_missing_folder_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("gone").join("x.json");
        assert!(write_atomically(&path, b"x", IfExists::Replace).is_err());
        assert!(names(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn only_links_of_root_or_the_folder_owner_are_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").expect("file");
        assert!(link_may_be_followed(&file).expect("a file"));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("/dev/null", &link).expect("link");
        assert!(link_may_be_followed(&link).expect("our own link in our own folder"));
        assert!(link_may_be_followed(Path::new("/dev/stdout")).expect("root's link"));
        // Handing the link to another user takes root; elsewhere the case cannot be built.
        if std::os::unix::fs::lchown(&link, Some(4321), None).is_ok() {
            assert!(!link_may_be_followed(&link).expect("someone else's link"));
        }
    }

    #[test]
    fn reads_are_bounded() {
        let read = |text: &[u8], known, limit| read_limited(text, known, limit);
        assert_eq!(read(b"abc", None, 3).expect("fits"), b"abc");
        assert!(matches!(read(b"abcd", None, 3), Err(ReadError::TooLarge(4))));
        assert!(matches!(read(b"", Some(10), 3), Err(ReadError::TooLarge(10))));
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_opened() {
        assert!(matches!(
            open_regular(Path::new("/dev/null")),
            Err(ReadError::NotRegular(Kind::CharDevice))
        ));
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            open_regular(dir.path()),
            Err(ReadError::NotRegular(Kind::Folder))
        ));
    }
}
