//! What the profiling examples share: the allocator and options of the
//! Python module (src/python/mod.rs), so the times here are the times there
//! (with the `python` feature the library declares them itself), and a
//! thread's CPU clock.

#[cfg(all(target_os = "linux", not(feature = "python")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(all(target_os = "linux", not(feature = "python")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 21] = b"oversize_threshold:0\0";

/// CPU time of this thread, in seconds.
#[allow(dead_code)] // not every example reads it
pub fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec and the clock id is a constant libc knows.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
