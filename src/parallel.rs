//! Thread pools. Every parallel result in lexiscope is collected in input
//! order and merged with order-independent operations, so results do not
//! depend on the number of threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::ThreadPool;

use crate::error::{Error, Result};

/// The environment variable that sets the default number of threads.
pub const THREADS_ENV: &str = "LEXISCOPE_NUM_THREADS";

/// The number of threads to use: `requested`, else `LEXISCOPE_NUM_THREADS`,
/// else the number of logical CPUs.
pub fn resolve_threads(requested: Option<usize>) -> Result<usize> {
    if let Some(n) = requested {
        if n == 0 {
            return Err(Error::InvalidArgument("n_threads must be at least 1 (or None for all cores)".into()));
        }
        return Ok(n);
    }
    if let Ok(v) = std::env::var(THREADS_ENV) {
        if let Ok(n) = v.trim().parse::<usize>() {
            if n > 0 {
                return Ok(n);
            }
        }
    }
    Ok(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
}

/// The pools made so far, by size, and the process that made them.
struct Pools {
    pid: u32,
    by_size: HashMap<usize, Arc<ThreadPool>>,
}

/// A shared pool of `n` threads (created once per size and process).
///
/// A child made by `fork` (Python's `multiprocessing` with the fork start
/// method, `os.fork`) inherits the parent's memory but none of its threads:
/// a pool made before the fork has no workers in the child, and handing it
/// work would wait forever. Pools are therefore kept per process id; in a
/// child the inherited ones are left alone (dropping one would try to wake
/// threads that do not exist there) and new ones are started on first use,
/// so the child runs in parallel with the same results, and nothing needs
/// saying to the user. (The registry lock is held only for this lookup; a
/// fork while another thread holds it would leave it locked in the child.)
pub fn pool(n: usize) -> Result<Arc<ThreadPool>> {
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let pid = std::process::id();
    let pools = POOLS.get_or_init(|| Mutex::new(Pools { pid, by_size: HashMap::new() }));
    let mut guard = pools.lock().unwrap_or_else(|e| e.into_inner());
    if guard.pid != pid {
        // Forked: the inherited pools' threads stayed in the parent.
        std::mem::forget(std::mem::take(&mut guard.by_size));
        guard.pid = pid;
    }
    if let Some(p) = guard.by_size.get(&n) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("lexiscope-{i}"))
        .build()
        .map_err(|e| Error::InvalidArgument(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    guard.by_size.insert(n, p.clone());
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_threads_is_an_error() {
        assert!(resolve_threads(Some(0)).is_err());
        assert_eq!(resolve_threads(Some(3)).unwrap(), 3);
    }

    /// A child forked after the pool ran work gets a working pool of its own
    /// (the regression: the inherited pool has no threads and `install` hung).
    #[cfg(target_os = "linux")]
    #[test]
    fn forked_child_gets_a_working_pool() {
        use rayon::prelude::*;
        let sum = |p: &ThreadPool| p.install(|| (0..10_000u64).into_par_iter().sum::<u64>());
        // (One test only uses the pools, so no other thread holds their lock at the fork.)
        let p = pool(2).unwrap();
        assert!(Arc::ptr_eq(&p, &pool(2).unwrap()));
        assert_eq!(p.install(rayon::current_num_threads), 2);
        assert_eq!(sum(&p), 49_995_000);
        // SAFETY: fork has no memory-safety preconditions; the child uses only
        // its own thread (a fresh pool, then `_exit`), and the parent waits
        // for it with a timeout below, so a hang fails instead of blocking.
        let child = unsafe { libc::fork() };
        assert!(child >= 0, "fork failed");
        if child == 0 {
            let ok = sum(&pool(2).unwrap()) == 49_995_000;
            // SAFETY: `_exit` ends the child at once, without running the
            // parent's atexit handlers or test harness in it.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut status = 0;
        loop {
            // SAFETY: `child` is our own child's pid and `status` a valid out pointer.
            let r = unsafe { libc::waitpid(child, &mut status, libc::WNOHANG) };
            if r == child {
                break;
            }
            if std::time::Instant::now() > deadline {
                // SAFETY: `child` is our own child; it is killed and reaped.
                unsafe {
                    libc::kill(child, libc::SIGKILL);
                    libc::waitpid(child, &mut status, 0);
                }
                panic!("the forked child hung");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "child failed: status {status}");
    }
}
