//! Where results go: stdout, or a file written atomically (a temporary file beside
//! the target, renamed over it on success) so a crash never leaves half a report.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// An output destination.
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file that becomes `target` on [`Output::commit`].
    File {
        /// The temporary file beside the target.
        temp: BufWriter<tempfile::NamedTempFile>,
        /// The final path.
        target: PathBuf,
    },
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output::Stdout(BufWriter::with_capacity(1 << 16, io::stdout()))
    }

    /// A file at `target`, written atomically.
    pub fn file(target: &Path) -> io::Result<Output> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(&format!(
                ".{}.",
                target
                    .file_name()
                    .map_or("output".into(), |n| n.to_string_lossy())
            ))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(Output::File {
            temp: BufWriter::with_capacity(1 << 16, temp),
            target: target.to_path_buf(),
        })
    }

    /// Stdout when `target` is `None` or `-`, else an atomic file.
    pub fn to(target: Option<&Path>) -> io::Result<Output> {
        match target {
            Some(p) if p.as_os_str() != "-" => Output::file(p),
            _ => Ok(Output::stdout()),
        }
    }

    /// Flushes, and for a file, syncs it and renames it over the target.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File { temp, target } => {
                let file = temp.into_inner().map_err(|e| e.into_error())?;
                // The temporary file is private (0600); give the result the mode the
                // file it replaces had, or an ordinary readable mode for a new file,
                // so partials gathered from other machines stay readable.
                let permissions = match std::fs::metadata(&target) {
                    Ok(existing) => existing.permissions(),
                    Err(_) => readable_permissions(file.as_file())?,
                };
                file.as_file().set_permissions(permissions)?;
                file.as_file().sync_all()?;
                file.persist(&target).map_err(|e| e.error)?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { temp, .. } => temp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { temp, .. } => temp.flush(),
        }
    }
}

#[cfg(unix)]
fn readable_permissions(_file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_permissions(file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut out = Output::file(target)?;
    out.write_all(bytes)?;
    out.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else { return };
        let target = dir.path().join("out.json");
        assert!(write_atomic(&target, b"old").is_ok());
        let out = Output::file(&target);
        if let Ok(mut out) = out {
            let _ = out.write_all(b"half");
            // Dropped without commit: the old file stays.
        }
        assert_eq!(std::fs::read(&target).ok(), Some(b"old".to_vec()));
        assert!(write_atomic(&target, b"new").is_ok());
        assert_eq!(std::fs::read(&target).ok(), Some(b"new".to_vec()));
        let leftovers = std::fs::read_dir(dir.path())
            .map(|r| r.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1);
    }
}
