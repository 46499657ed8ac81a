//! Step 3 of overlap: same-story groups, by average linkage over the
//! neighbour lists of [`super::Vectors::top_k`] (or of Jaccard scores).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap, FxHashSet};

#[derive(PartialEq)]
struct Candidate(f64, u32, u32);

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then_with(|| other.1.cmp(&self.1)).then_with(|| other.2.cmp(&self.2))
    }
}

/// Groups of documents, by average linkage: two groups merge while the mean
/// score over all their cross pairs (pairs that are not among each other's
/// `k` nearest neighbours count as 0) is at least `threshold`. Deterministic;
/// groups are listed by their first document.
pub fn stories(neighbors: &[Vec<(u32, f64)>], threshold: f64) -> Vec<Vec<u32>> {
    stories_within(neighbors, None, threshold)
}

/// The pairs of documents that list each other in `lists`: per document, its
/// mutual neighbours, sorted.
pub fn mutual(lists: &[Vec<(u32, f64)>]) -> Vec<Vec<u32>> {
    let mut seen: FxHashMap<(u32, u32), ()> = FxHashMap::default();
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); lists.len()];
    for (i, row) in lists.iter().enumerate() {
        for &(j, _) in row {
            let (a, b) = (i as u32, j);
            if a == b {
                continue;
            }
            if seen.remove(&(a.min(b), a.max(b))).is_some() {
                out[a as usize].push(b);
                out[b as usize].push(a);
            } else {
                seen.insert((a.min(b), a.max(b)), ());
            }
        }
    }
    out.iter_mut().for_each(|r| r.sort_unstable());
    out
}

/// [`stories`], where two groups may merge only if some pair across them is
/// in `links` (per document, the documents it may link to, as [`mutual`]
/// gives them): a document that resembles a group, but that no member
/// counts among its closest while it counts them among its own, stays apart.
pub fn stories_within(neighbors: &[Vec<(u32, f64)>], links: Option<&[Vec<u32>]>, threshold: f64) -> Vec<Vec<u32>> {
    let n = neighbors.len();
    // Symmetric edge sums between clusters.
    let mut sums: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); n];
    for (i, row) in neighbors.iter().enumerate() {
        for &(j, s) in row {
            let (a, b) = (i as u32, j);
            if a == b {
                continue;
            }
            // The score is symmetric; keep the larger if only one side saw it.
            let e = sums[a as usize].entry(b).or_insert(0.0);
            *e = e.max(s);
            let e = sums[b as usize].entry(a).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let links_of =
        |a: usize| -> FxHashSet<u32> { links.map_or_else(FxHashSet::default, |l| l[a].iter().copied().collect()) };
    // Per cluster, the clusters it may merge with (only with `links`).
    let mut allowed: Vec<FxHashSet<u32>> = (0..n).map(links_of).collect();
    let may = |allowed: &[FxHashSet<u32>], a: u32, b: u32| links.is_none() || allowed[a as usize].contains(&b);
    let mut links = sums;
    let mut size: Vec<u32> = vec![1; n];
    let mut alive: Vec<bool> = vec![true; n];
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    let mut heap = BinaryHeap::new();
    for (a, l) in links.iter().enumerate() {
        for (&b, &s) in l {
            if (a as u32) < b && s >= threshold && may(&allowed, a as u32, b) {
                heap.push(Candidate(s, a as u32, b));
            }
        }
    }
    while let Some(Candidate(avg, a, b)) = heap.pop() {
        if crate::interrupt::requested() {
            break; // the caller throws the groups away
        }
        if !alive[a as usize] || !alive[b as usize] {
            continue;
        }
        let current = links[a as usize].get(&b).copied().unwrap_or(0.0) / (size[a as usize] * size[b as usize]) as f64;
        if (current - avg).abs() > 1e-12 {
            continue; // stale
        }
        // Merge b into a.
        alive[b as usize] = false;
        let lb = std::mem::take(&mut links[b as usize]);
        for (c, s) in lb {
            if c == a {
                continue;
            }
            *links[a as usize].entry(c).or_insert(0.0) += s;
            let lc = &mut links[c as usize];
            lc.remove(&b);
            *lc.entry(a).or_insert(0.0) += s;
        }
        links[a as usize].remove(&b);
        if !allowed[b as usize].is_empty() {
            let ab = std::mem::take(&mut allowed[b as usize]);
            for c in ab {
                if c != a {
                    allowed[c as usize].remove(&b);
                    allowed[c as usize].insert(a);
                    allowed[a as usize].insert(c);
                }
            }
            allowed[a as usize].remove(&b);
        }
        size[a as usize] += size[b as usize];
        let mb = std::mem::take(&mut members[b as usize]);
        members[a as usize].extend(mb);
        let mut next: Vec<(u32, f64)> = links[a as usize].iter().map(|(&c, &s)| (c, s)).collect();
        next.sort_by_key(|&(c, _)| c);
        for (c, s) in next {
            let avg = s / (size[a as usize] * size[c as usize]) as f64;
            if avg >= threshold && may(&allowed, a, c) {
                let (x, y) = if a < c { (a, c) } else { (c, a) };
                heap.push(Candidate(avg, x, y));
            }
        }
    }
    let mut groups: Vec<Vec<u32>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    groups.sort_by_key(|g| g[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage() {
        let nb = vec![
            vec![(1, 0.9), (2, 0.1)],
            vec![(0, 0.9), (2, 0.2)],
            vec![(0, 0.1), (1, 0.2), (3, 0.8)],
            vec![(2, 0.8)],
        ];
        assert_eq!(stories(&nb, 0.5), vec![vec![0, 1], vec![2, 3]]);
        assert_eq!(stories(&nb, 0.95), vec![vec![0], vec![1], vec![2], vec![3]]);
        // 2 resembles 0 and 1 and lists them, but neither lists 2.
        let lists = vec![vec![(1, 0.9), (2, 0.6)], vec![(0, 0.9), (2, 0.6)], vec![(0, 0.6), (1, 0.6)]];
        let direct = vec![vec![(1, 0.9)], vec![(0, 0.9)], vec![(0, 0.6), (1, 0.6)]];
        let m = mutual(&direct);
        assert_eq!(m, vec![vec![1], vec![0], vec![]]);
        assert_eq!(stories(&lists, 0.5), vec![vec![0, 1, 2]]);
        assert_eq!(stories_within(&lists, Some(&m), 0.5), vec![vec![0, 1], vec![2]]);
    }
}
