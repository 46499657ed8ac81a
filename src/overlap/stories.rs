//! Step 3 of overlap: same-story groups, by average linkage over the
//! neighbour lists of [`super::Vectors::top_k`] (or of Jaccard scores).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;

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
/// score over all their cross pairs is at least `threshold`, where a pair
/// counts only if each document is among the other's nearest neighbours (the
/// lists given: mutual neighbours), else as 0. A document that resembles a
/// group without any member counting it among its closest (a different event
/// with the same people) stays apart. Deterministic; groups are listed by
/// their first document.
pub fn stories(neighbors: &[Vec<(u32, f64)>], threshold: f64) -> Vec<Vec<u32>> {
    let n = neighbors.len();
    // Symmetric edge sums between clusters, from pairs both sides list.
    let mut seen: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    let mut links: Vec<FxHashMap<u32, f64>> = vec![FxHashMap::default(); n];
    for (i, row) in neighbors.iter().enumerate() {
        for &(j, s) in row {
            let (a, b) = (i as u32, j);
            if a == b {
                continue;
            }
            let key = (a.min(b), a.max(b));
            match seen.remove(&key) {
                // The score is symmetric; keep the larger of the two sides.
                Some(other) => {
                    let s = s.max(other);
                    links[a as usize].insert(b, s);
                    links[b as usize].insert(a, s);
                }
                None => {
                    seen.insert(key, s);
                }
            }
        }
    }
    let mut size: Vec<u32> = vec![1; n];
    let mut alive: Vec<bool> = vec![true; n];
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    let mut heap = BinaryHeap::new();
    for (a, l) in links.iter().enumerate() {
        for (&b, &s) in l {
            if (a as u32) < b && s >= threshold {
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
        size[a as usize] += size[b as usize];
        let mb = std::mem::take(&mut members[b as usize]);
        members[a as usize].extend(mb);
        let mut next: Vec<(u32, f64)> = links[a as usize].iter().map(|(&c, &s)| (c, s)).collect();
        next.sort_by_key(|&(c, _)| c);
        for (c, s) in next {
            let avg = s / (size[a as usize] * size[c as usize]) as f64;
            if avg >= threshold {
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
        // 3 lists 2, but 2 does not list 3: they are not linked.
        let one_sided = vec![vec![(1, 0.9)], vec![(0, 0.9)], vec![(3, 0.8)], vec![(2, 0.8), (0, 0.7)]];
        assert_eq!(stories(&one_sided, 0.5), vec![vec![0, 1], vec![2, 3]]);
        let lonely = vec![vec![(1, 0.9)], vec![(0, 0.9)], vec![(0, 0.6)]];
        assert_eq!(stories(&lonely, 0.5), vec![vec![0, 1], vec![2]]);
    }
}
