//! Hints to the processor, which change no result: prefetching what is about
//! to be read, so that the cache misses of lookups known ahead of time overlap.
//! Support for the hot loop of [`crate::count`] (its hash table and row counter).

/// Asks the processor to bring `slice[index]` into the cache. Nothing happens
/// when `index` is out of bounds, nor on processors other than x86-64.
#[inline(always)]
pub(crate) fn prefetch<T>(slice: &[T], index: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(x) = slice.get(index) {
        // SAFETY: `x` is a valid reference, and a prefetch changes nothing the
        // program can observe: it only moves a cache line.
        unsafe { std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((x as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (slice, index);
}
