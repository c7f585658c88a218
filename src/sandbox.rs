//! Running untrusted programs (model-written q, reference Python): a subprocess in its
//! own process group, with a wall-clock limit, an address-space limit, capped output,
//! and the whole group killed on timeout.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a sandboxed run may use.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock time before the process group is killed.
    pub wall: Duration,
    /// Address-space limit (RLIMIT_AS) in bytes; `None` for no limit.
    pub memory_bytes: Option<u64>,
    /// Bytes of stdout and of stderr kept; the rest is read and dropped.
    pub max_output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall: Duration::from_secs(10),
            memory_bytes: Some(1 << 30),
            max_output_bytes: 1 << 20,
        }
    }
}

/// How a sandboxed process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It exited with this code.
    Exited(i32),
    /// A signal ended it (e.g. 6 for an abort after a failed allocation, 9 for SIGKILL).
    Signaled(i32),
    /// It ran past the wall-clock limit and its process group was killed.
    TimedOut,
}

/// The result of one sandboxed run.
#[derive(Debug, Clone)]
pub struct RunOutput {
    pub ending: Ending,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Whether stdout went past `max_output_bytes` (and was cut).
    pub stdout_truncated: bool,
    pub elapsed: Duration,
}

/// Runs `cmd` (whose program, args, working directory and environment the caller has
/// set; call `env_clear` for a clean environment) with `stdin` bytes (or /dev/null),
/// under `limits`. Errors only when the program cannot be started.
pub fn run(mut cmd: Command, stdin: Option<&[u8]>, limits: &Limits) -> std::io::Result<RunOutput> {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .process_group(0);
    if let Some(bytes) = limits.memory_bytes {
        // SAFETY: setrlimit is async-signal-safe and touches only the child's own limits.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: bytes as libc::rlim_t,
                    rlim_max: bytes as libc::rlim_t,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id() as i32;

    let feeder = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => {
            let bytes = bytes.to_vec();
            // A program that never reads its input must not block us: write on a thread.
            Some(std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let cap = limits.max_output_bytes;
    let out_reader = child
        .stdout
        .take()
        .map(|p| std::thread::spawn(move || read_capped(p, cap)));
    let err_reader = child
        .stderr
        .take()
        .map(|p| std::thread::spawn(move || read_capped(p, cap)));

    let (tx, rx) = mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let status = child.wait();
        let _ = tx.send(status);
    });
    let ending = match rx.recv_timeout(limits.wall) {
        Ok(Ok(status)) => {
            use std::os::unix::process::ExitStatusExt;
            match (status.code(), status.signal()) {
                (Some(c), _) => Ending::Exited(c),
                (None, Some(s)) => Ending::Signaled(s),
                (None, None) => Ending::Signaled(0),
            }
        }
        Ok(Err(e)) => return Err(e),
        Err(_) => {
            kill_group(pid);
            let _ = rx.recv();
            Ending::TimedOut
        }
    };
    // Whatever the main process left behind in its group goes too, so pipes close.
    kill_group(pid);
    let _ = waiter.join();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let (stdout, stdout_truncated) = out_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    let (stderr, _) = err_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    Ok(RunOutput {
        ending,
        stdout,
        stderr,
        stdout_truncated,
        elapsed: start.elapsed(),
    })
}

fn kill_group(pid: i32) {
    // SAFETY: killpg with a group id we created; a group that is gone gives ESRCH.
    unsafe {
        libc::killpg(pid, libc::SIGKILL);
    }
}

fn read_capped(mut pipe: impl Read, cap: usize) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let mut truncated = false;
    let mut buf = [0u8; 1 << 14];
    loop {
        match pipe.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len());
                if n > room {
                    truncated = true;
                }
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    (kept, truncated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut c = Command::new("/bin/sh");
        c.arg("-c").arg(script);
        c
    }

    #[test]
    fn captures_output_and_code() {
        let out = run(
            sh("echo hi; echo oops >&2; exit 3"),
            None,
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(out.ending, Ending::Exited(3));
        assert_eq!(out.stdout, b"hi\n");
        assert_eq!(out.stderr, b"oops\n");
    }

    #[test]
    fn feeds_stdin() {
        let out = run(sh("cat"), Some(b"abc"), &Limits::default()).unwrap();
        assert_eq!(out.stdout, b"abc");
    }

    #[test]
    fn kills_the_whole_group_on_timeout() {
        let limits = Limits {
            wall: Duration::from_millis(300),
            ..Limits::default()
        };
        let start = Instant::now();
        // The background sleeper keeps stdout open: only a group kill lets us return.
        let out = run(sh("sleep 30 & sleep 30"), None, &limits).unwrap();
        assert_eq!(out.ending, Ending::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn caps_output() {
        let limits = Limits {
            max_output_bytes: 10,
            ..Limits::default()
        };
        let out = run(sh("yes | head -c 100000"), None, &limits).unwrap();
        assert_eq!(out.stdout.len(), 10);
        assert!(out.stdout_truncated);
    }

    #[test]
    fn memory_limit_stops_big_allocations() {
        let limits = Limits {
            memory_bytes: Some(200 << 20),
            ..Limits::default()
        };
        let script = "import sys\ntry:\n    x = bytearray(1 << 30)\n    print('allocated')\nexcept MemoryError:\n    print('memory')\n";
        let mut c = Command::new("python3");
        c.arg("-c").arg(script);
        let out = run(c, None, &limits).unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "memory");
    }

    #[test]
    fn missing_program_is_an_error() {
        assert!(run(Command::new("/nonexistent/prog"), None, &Limits::default()).is_err());
    }
}
