//! A set of the four categories as four bits: copied, compared and looked up without
//! allocating (the engine looks a weight row up by its not-scored set for every scenario).

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

use super::Category;

/// Some of the four categories. Iterates, orders and serializes like a sorted list of them
/// (CMS's order: quality, cost, IA, PI).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CategorySet(u8);

impl CategorySet {
    /// No category.
    pub const EMPTY: CategorySet = CategorySet(0);

    fn bit(c: Category) -> u8 {
        1 << c.index()
    }

    /// Adds a category; false when it was already there.
    pub fn insert(&mut self, c: Category) -> bool {
        let had = self.contains(c);
        self.0 |= Self::bit(c);
        !had
    }

    pub fn contains(&self, c: Category) -> bool {
        self.0 & Self::bit(c) != 0
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// The categories in the set, in CMS's order.
    pub fn iter(&self) -> impl Iterator<Item = Category> + '_ {
        let bits = self.0;
        Category::ALL
            .into_iter()
            .filter(move |&c| bits & Self::bit(c) != 0)
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        let mut set = CategorySet::EMPTY;
        for c in iter {
            set.insert(c);
        }
        set
    }
}

/// Ordered as the sorted lists of their categories are (so tables keyed by a set keep the
/// order they had).
impl Ord for CategorySet {
    fn cmp(&self, other: &Self) -> Ordering {
        self.iter().cmp(other.iter())
    }
}

impl PartialOrd for CategorySet {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Debug for CategorySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for CategorySet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn all_subsets() -> Vec<Vec<Category>> {
        (0u8..16)
            .map(|bits| {
                Category::ALL
                    .into_iter()
                    .filter(|c| bits & (1 << c.index()) != 0)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn behaves_as_a_sorted_set_of_categories() {
        for a in all_subsets() {
            let set: CategorySet = a.iter().copied().collect();
            let tree: BTreeSet<Category> = a.iter().copied().collect();
            assert_eq!(set.len(), tree.len());
            assert_eq!(set.is_empty(), tree.is_empty());
            assert_eq!(
                set.iter().collect::<Vec<_>>(),
                tree.iter().copied().collect::<Vec<_>>()
            );
            for c in Category::ALL {
                assert_eq!(set.contains(c), tree.contains(&c));
            }
            assert_eq!(format!("{set:?}"), format!("{tree:?}"));
            assert_eq!(
                serde_json::to_string(&set).unwrap(),
                serde_json::to_string(&tree).unwrap()
            );
            for b in all_subsets() {
                let other: CategorySet = b.iter().copied().collect();
                let other_tree: BTreeSet<Category> = b.iter().copied().collect();
                assert_eq!(set.cmp(&other), tree.cmp(&other_tree), "{a:?} vs {b:?}");
                assert_eq!(set == other, tree == other_tree);
            }
        }
    }

    #[test]
    fn insert_says_whether_it_was_new() {
        let mut set = CategorySet::EMPTY;
        assert!(set.insert(Category::Cost));
        assert!(!set.insert(Category::Cost));
        assert_eq!(set.len(), 1);
    }
}
