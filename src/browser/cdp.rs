//! A small client of Chromium's DevTools protocol over `--remote-debugging-pipe`: the browser
//! reads commands on its fd 3 and writes replies and events on its fd 4, each a JSON message
//! ended by a NUL byte. No socket, no port, no WebSocket: only this process can drive it.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::mem::ManuallyDrop;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

/// Longest wait for one reply or event.
pub(super) const TIMEOUT: Duration = Duration::from_secs(60);
/// The end of Chromium's error output kept to explain a crash.
const STDERR_TAIL: usize = 2000;

/// Flags for a closed network and a quiet, throw-away profile.
const FLAGS: [&str; 10] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--remote-debugging-pipe",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// What the reader thread shares with the callers: who waits for which reply, and where each
/// tab's events go.
#[derive(Default)]
struct Shared {
    /// Reply senders by command id; `None` once the browser's pipe closed.
    pending: Mutex<Option<HashMap<u64, Sender<Value>>>>,
    sessions: Mutex<HashMap<String, Sender<Value>>>,
    stderr: Mutex<VecDeque<u8>>,
}

/// One Chromium process with its own profile, killed and its profile removed on drop.
pub(super) struct Browser {
    child: Mutex<Child>,
    commands: Mutex<File>,
    next_id: AtomicU64,
    shared: Arc<Shared>,
    // Dropped after `drop` has waited for the browser to exit. The reader threads are not
    // joined: they end at end of file, which a stray renderer could hold back.
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium headless on the pipe and checks that it answers.
    pub(super) fn launch(path: &Path) -> Result<Browser> {
        let failed = || format!("no se pudo iniciar Chromium ({})", path.display());
        let profile = tempfile::Builder::new()
            .prefix("ssme-chromium-")
            .tempdir()
            .context("no se pudo crear el perfil temporal de Chromium")
            .with_context(failed)?;
        let (child_reads, commands) = std::io::pipe().with_context(failed)?;
        let (events, child_writes) = std::io::pipe().with_context(failed)?;
        // Above 4, so moving them onto 3 and 4 in the child cannot overwrite one another.
        let child_reads = rustix::io::fcntl_dupfd_cloexec(&child_reads, 10)?;
        let child_writes = rustix::io::fcntl_dupfd_cloexec(&child_writes, 10)?;
        let fds = [(child_reads.as_raw_fd(), 3), (child_writes.as_raw_fd(), 4)];
        let mut command = Command::new(path);
        command
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        // SAFETY: between fork and exec only dup2, which is async-signal-safe; dup2 onto
        // another number clears close-on-exec, so the child keeps exactly fds 3 and 4.
        unsafe {
            command.pre_exec(move || {
                for (fd, target) in fds {
                    let mut new = ManuallyDrop::new(OwnedFd::from_raw_fd(target));
                    rustix::io::dup2(BorrowedFd::borrow_raw(fd), &mut new)?;
                }
                Ok(())
            });
        }
        let mut child = command.spawn().with_context(failed)?;
        // The parent's copies of the child's ends close, so a dead browser reads as end of file.
        drop((child_reads, child_writes));
        let shared = Arc::new(Shared {
            pending: Mutex::new(Some(HashMap::new())),
            ..Default::default()
        });
        spawn_reader(events, Arc::clone(&shared));
        if let Some(stderr) = child.stderr.take() {
            spawn_stderr(stderr, Arc::clone(&shared));
        }
        let browser = Browser {
            child: Mutex::new(child),
            commands: Mutex::new(File::from(OwnedFd::from(commands))),
            next_id: AtomicU64::new(1),
            shared,
            _profile: profile,
        };
        browser
            .call(None, "Browser.getVersion", json!({}))
            .with_context(failed)?;
        Ok(browser)
    }

    /// Sends one command (to a tab's session, or to the browser) and waits for its result.
    pub(super) fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        match self.shared.pending.lock().unwrap().as_mut() {
            Some(pending) => pending.insert(id, tx),
            None => bail!(self.died()),
        };
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = session.into();
        }
        let mut bytes = serde_json::to_vec(&message)?;
        bytes.push(0);
        if self.commands.lock().unwrap().write_all(&bytes).is_err() {
            bail!(self.died());
        }
        let mut reply = match rx.recv_timeout(TIMEOUT) {
            Ok(reply) => reply,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(pending) = self.shared.pending.lock().unwrap().as_mut() {
                    pending.remove(&id);
                }
                bail!(
                    "Chromium no respondió a {method} en {} s",
                    TIMEOUT.as_secs()
                )
            }
            Err(RecvTimeoutError::Disconnected) => bail!(self.died()),
        };
        if let Some(error) = reply.get("error") {
            let text = error.get("message").and_then(Value::as_str).unwrap_or("");
            bail!("Chromium rechazó {method}: {text}");
        }
        Ok(reply["result"].take())
    }

    /// Opens a blank tab attached in flat mode: its commands and events carry its session id.
    pub(super) fn open_tab(&self) -> Result<Tab<'_>> {
        let created = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }))?;
        let target = text(&created, "targetId")?;
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )?;
        let session = text(&attached, "sessionId")?;
        let (tx, events) = mpsc::channel();
        self.shared
            .sessions
            .lock()
            .unwrap()
            .insert(session.clone(), tx);
        Ok(Tab {
            browser: self,
            session,
            target,
            events,
        })
    }

    /// Why the browser stopped answering: its exit status and the end of what it wrote.
    fn died(&self) -> String {
        let status = match self.child.lock().unwrap().try_wait() {
            Ok(Some(status)) => format!(" ({status})"),
            _ => String::new(),
        };
        let tail: Vec<u8> = self.shared.stderr.lock().unwrap().iter().copied().collect();
        let tail = String::from_utf8_lossy(&tail);
        let tail = tail.trim();
        if tail.is_empty() {
            format!("Chromium se cerró inesperadamente{status}")
        } else {
            format!("Chromium se cerró inesperadamente{status}; su último mensaje:\n{tail}")
        }
    }
}

impl Drop for Browser {
    /// Asks the browser to close, gives it a few seconds, then kills it; the profile is removed
    /// after, when every process has let go of it.
    fn drop(&mut self) {
        let closed = self
            .commands
            .lock()
            .unwrap()
            .write_all(b"{\"id\":0,\"method\":\"Browser.close\",\"params\":{}}\0");
        let child = self.child.get_mut().unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut exited = false;
        while closed.is_ok() && Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                exited = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if !exited {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Reads NUL-ended messages: replies go to the caller waiting for their id, events to their
/// tab. At end of file every waiting caller is told the browser is gone.
fn spawn_reader(events: std::io::PipeReader, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        let mut reader = BufReader::with_capacity(1 << 16, events);
        let mut buffer = Vec::new();
        loop {
            buffer.clear();
            match reader.read_until(0, &mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if buffer.last() == Some(&0) {
                buffer.pop();
            }
            let Ok(message) = serde_json::from_slice::<Value>(&buffer) else {
                continue;
            };
            dispatch(&shared, message);
        }
        shared.pending.lock().unwrap().take();
        shared.sessions.lock().unwrap().clear();
    });
}

fn dispatch(shared: &Shared, message: Value) {
    if let Some(id) = message.get("id").and_then(Value::as_u64) {
        let sender = shared
            .pending
            .lock()
            .unwrap()
            .as_mut()
            .and_then(|p| p.remove(&id));
        if let Some(sender) = sender {
            let _ = sender.send(message);
        }
    } else if let Some(session) = message.get("sessionId").and_then(Value::as_str) {
        if let Some(sender) = shared.sessions.lock().unwrap().get(session) {
            let _ = sender.send(message);
        }
    }
}

/// Keeps the end of Chromium's error output (it is chatty; only a crash shows it).
fn spawn_stderr(mut stderr: impl Read + Send + 'static, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = stderr.read(&mut chunk) {
            let mut tail = shared.stderr.lock().unwrap();
            tail.extend(&chunk[..n]);
            let excess = tail.len().saturating_sub(STDERR_TAIL);
            tail.drain(..excess);
        }
    });
}

fn text(value: &Value, key: &str) -> Result<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .with_context(|| format!("Chromium no devolvió {key}"))
}

/// One tab of the browser, closed on drop.
pub(super) struct Tab<'b> {
    browser: &'b Browser,
    session: String,
    target: String,
    events: Receiver<Value>,
}

impl Tab<'_> {
    pub(super) fn call(&self, method: &str, params: Value) -> Result<Value> {
        self.browser.call(Some(&self.session), method, params)
    }

    /// Waits for the first event of this tab that `wanted` accepts; earlier ones are dropped.
    pub(super) fn wait_for(&self, what: &str, wanted: impl Fn(&Value) -> bool) -> Result<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) if wanted(&event) => return Ok(event),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    bail!("{what}: Chromium no respondió en {} s", TIMEOUT.as_secs())
                }
                Err(RecvTimeoutError::Disconnected) => bail!(self.browser.died()),
            }
        }
    }

    /// Runs a script in the page, awaiting its promise; a thrown exception is an error.
    pub(super) fn evaluate(&self, script: &str) -> Result<Value> {
        let mut result = self.call(
            "Runtime.evaluate",
            json!({ "expression": script, "awaitPromise": true, "returnByValue": true }),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            let text = details
                .pointer("/exception/description")
                .or_else(|| details.get("text"))
                .and_then(Value::as_str)
                .unwrap_or("");
            bail!("error de JavaScript en la página: {text}");
        }
        Ok(result["result"]["value"].take())
    }
}

impl Drop for Tab<'_> {
    fn drop(&mut self) {
        self.browser
            .shared
            .sessions
            .lock()
            .unwrap()
            .remove(&self.session);
        let _ = self.browser.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": self.target }),
        );
    }
}
