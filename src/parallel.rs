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

/// A shared pool of `n` threads (created once per size).
pub fn pool(n: usize) -> Result<Arc<ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<ThreadPool>>>> = OnceLock::new();
    let pools = POOLS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut guard = pools.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = guard.get(&n) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("lexiscope-{i}"))
        .build()
        .map_err(|e| Error::InvalidArgument(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    guard.insert(n, p.clone());
    Ok(p)
}
