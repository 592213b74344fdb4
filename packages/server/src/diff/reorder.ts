/**
 * Plans the moves and inserts that turn a parent's retained children into the new order.
 *
 * Input: for each new child `j`, `match[j]` is its position among the retained old children
 * (after removals), or -1 for a new node. The children on the longest increasing subsequence of
 * those positions stay where they are; every other retained child is moved once, and every new
 * child inserted once, each right after its predecessor in the new order.
 *
 * The protocol addresses children by their current index, which shifts with every step. A Fenwick
 * tree over "slots" tracks those indices in O(log n): each retained child owns the slot of its old
 * position, and each moved or inserted child a slot just after the nearest staying child before it.
 * Emitting in new order keeps every step's index correct. Hot path: O(n log n), typed arrays.
 */
export function planReorder(
  match: Int32Array,
  retained: number,
  onMove: (from: number, to: number, j: number) => void,
  onInsert: (index: number, j: number) => void,
): void {
  const n = match.length;
  const stays = longestIncreasing(match);

  let allStay = true;
  for (let j = 0; j < n; j++) {
    if (match[j]! >= 0 && stays[j] === 0) {
      allStay = false;
      break;
    }
  }
  if (allStay) {
    // Only inserts: once the first j children are in place, new child j goes at index j.
    for (let j = 0; j < n; j++) if (match[j]! < 0) onInsert(j, j);
    return;
  }

  // anchor[j]: old position of the last staying child before j, or -1.
  const anchor = new Int32Array(n);
  const groupSize = new Int32Array(retained + 1); // by anchor + 1
  let last = -1;
  let placed = 0;
  for (let j = 0; j < n; j++) {
    if (stays[j] === 1) last = match[j]!;
    else {
      anchor[j] = last;
      groupSize[last + 1]!++;
      placed++;
    }
  }
  // Slot of retained child r: r, plus every placed child anchored before it.
  const slotOf = new Int32Array(retained);
  let before = groupSize[0]!;
  for (let r = 0; r < retained; r++) {
    slotOf[r] = r + before;
    before += groupSize[r + 1]!;
  }
  const nextInGroup = new Int32Array(retained + 1);
  const tree = createFenwick(retained + placed);
  for (let r = 0; r < retained; r++) tree.add(slotOf[r]!, 1);

  for (let j = 0; j < n; j++) {
    if (stays[j] === 1) continue;
    const g = anchor[j]!;
    const target = (g < 0 ? 0 : slotOf[g]! + 1) + nextInGroup[g + 1]!++;
    const r = match[j]!;
    if (r >= 0) {
      const slot = slotOf[r]!;
      const from = tree.countThrough(slot) - 1;
      tree.add(slot, -1);
      const to = tree.countThrough(target);
      tree.add(target, 1);
      if (from !== to) onMove(from, to, j);
    } else {
      const to = tree.countThrough(target);
      tree.add(target, 1);
      onInsert(to, j);
    }
  }
}

/** Marks (1) the entries of a longest strictly increasing subsequence of the non-negative values. */
export function longestIncreasing(values: Int32Array): Uint8Array {
  const n = values.length;
  const marks = new Uint8Array(n);
  const tails = new Int32Array(n); // index of the smallest tail of each length
  const previous = new Int32Array(n);
  let length = 0;
  for (let j = 0; j < n; j++) {
    const v = values[j]!;
    if (v < 0) continue;
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    previous[j] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = j;
    if (lo === length) length++;
  }
  for (let j = length > 0 ? tails[length - 1]! : -1; j >= 0; j = previous[j]!) marks[j] = 1;
  return marks;
}

interface Fenwick {
  add(index: number, delta: number): void;
  /** Sum of the entries at indices 0..index. */
  countThrough(index: number): number;
}

function createFenwick(size: number): Fenwick {
  const tree = new Int32Array(size + 1);
  return {
    add(index, delta) {
      for (let i = index + 1; i <= size; i += i & -i) tree[i]! += delta;
    },
    countThrough(index) {
      let sum = 0;
      for (let i = index + 1; i > 0; i -= i & -i) sum += tree[i]!;
      return sum;
    },
  };
}
