//! Memory for large buffers, in transparent huge pages where the kernel gives
//! them: the hash tables and per-term arrays of [`crate::count`], read at
//! random, and the n × n score matrices of [`crate::overlap`], filled row by
//! row in parallel. Support for the stages that allocate the most.
//!
//! A 20,000-document matrix is 1.6 GB in single precision. Writing it touches
//! every page, and on Linux each 4 KiB page costs a fault; asking for
//! transparent huge pages (`madvise(MADV_HUGEPAGE)`, what numpy does for its
//! own large arrays) makes that one fault per 2 MiB, and a table read at
//! random misses the TLB far less. A matrix is written once, by its rows, and
//! never zeroed first.

use std::mem::MaybeUninit;

use rayon::prelude::*;

/// Pages of this size or more are worth a huge-page request.
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

/// A `rows × cols` row-major matrix whose row `i` is `fill(i, buf, scratch)`
/// written into a zeroed buffer (`B::default()` is zero) of length `cols`,
/// then stored converted by `conv`. The buffer is zeroed again in the same
/// pass that converts it.
pub fn fill_rows<B, T, S, I, F, C>(rows: usize, cols: usize, init: I, fill: F, conv: C) -> Vec<T>
where
    B: Copy + Default + Send,
    T: Send + Sync,
    I: Fn() -> S + Sync + Send,
    F: Fn(usize, &mut [B], &mut S) + Sync,
    C: Fn(B) -> T + Sync,
{
    let len = rows * cols;
    let mut m: Vec<T> = Vec::with_capacity(len);
    if len == 0 {
        return m;
    }
    advise_huge(&mut m);
    m.spare_capacity_mut()[..len].par_chunks_mut(cols).enumerate().for_each_init(
        || (vec![B::default(); cols], init()),
        |(buf, scratch), (i, row): (usize, &mut [MaybeUninit<T>])| {
            // Asked to stop: rows are left zero (the caller throws the matrix away).
            if !crate::interrupt::requested() {
                fill(i, buf, scratch);
            }
            for (o, x) in row.iter_mut().zip(buf.iter_mut()) {
                o.write(conv(*x));
                *x = B::default();
            }
        },
    );
    // SAFETY: every element of the first `len` was written above (rows × cols
    // chunks of exactly `cols` elements cover them all).
    unsafe { m.set_len(len) };
    m
}

/// Asks the kernel for transparent huge pages over the spare capacity of `v`.
#[cfg(target_os = "linux")]
pub(crate) fn advise_huge<T>(v: &mut Vec<T>) {
    let bytes = v.capacity() * std::mem::size_of::<T>();
    if bytes < 2 * HUGE {
        return;
    }
    let start = v.as_mut_ptr() as usize;
    let aligned = (start + HUGE - 1) & !(HUGE - 1);
    let end = (start + bytes) & !(HUGE - 1);
    if end > aligned {
        // SAFETY: the range lies inside the allocation of `v`; MADV_HUGEPAGE
        // only changes how the kernel backs it, not its contents. A failure
        // (no THP support) is harmless and ignored.
        unsafe {
            libc::madvise(aligned as *mut libc::c_void, end - aligned, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn advise_huge<T>(_v: &mut Vec<T>) {}

/// `len` copies of `value`, in huge pages where the kernel gives them (large
/// hash tables are read at random, and huge pages spare them most TLB misses).
pub(crate) fn filled<T: Copy>(len: usize, value: T) -> Vec<T> {
    let mut v = Vec::with_capacity(len);
    advise_huge(&mut v);
    v.resize(len, value);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_filled_and_converted() {
        for (rows, cols) in [(0, 0), (1, 5), (3, 4), (700, 900)] {
            let m = fill_rows(
                rows,
                cols,
                || (),
                |i, buf: &mut [f64], _: &mut ()| {
                    assert!(buf.iter().all(|&x| x == 0.0));
                    buf.iter_mut().enumerate().for_each(|(j, x)| *x += (i * cols + j) as f64)
                },
                |x| x as f32,
            );
            assert_eq!(m.len(), rows * cols);
            assert!(m.iter().enumerate().all(|(k, &x)| x == k as f32));
        }
    }
}
