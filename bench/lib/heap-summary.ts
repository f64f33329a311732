// Two heap snapshots (./inspector.ts) compared as DevTools' "Comparison" view does: live objects
// by constructor (count and bytes), the constructors that grew most, and for each of them what
// holds its objects (the retainer's constructor and the property or element it is held by).
import { readFileSync } from "node:fs";

type Snapshot = {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[]];
      edge_fields: string[];
      edge_types: [string[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
};

type Heap = {
  /** Per node (by ordinal): its group (constructor, or "(type)" for V8's internals) and size. */
  group: string[];
  size: number[];
  /** Each node's retainers: [retainer ordinal, edge label]. */
  retainers: (ordinal: number) => [number, string][];
};

function read(file: string): Heap {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const { meta } = raw.snapshot;
  const nodeWidth = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ["type", "name", "self_size", "edge_count"].map(
    (field) => meta.node_fields.indexOf(field),
  );
  const [edgeTypeAt, edgeNameAt, toAt] = ["type", "name_or_index", "to_node"].map((field) =>
    meta.edge_fields.indexOf(field),
  );
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const count = raw.nodes.length / nodeWidth;
  const group: string[] = new Array(count);
  const size: number[] = new Array(count);
  const retainedBy = new Map<number, [number, string][]>();
  let edge = 0;
  for (let ordinal = 0; ordinal < count; ordinal++) {
    const at = ordinal * nodeWidth;
    const type = nodeTypes[raw.nodes[at + typeAt]];
    group[ordinal] = type === "object" ? raw.strings[raw.nodes[at + nameAt]] : `(${type})`;
    size[ordinal] = raw.nodes[at + sizeAt];
    for (let n = 0; n < raw.nodes[at + edgeCountAt]; n++, edge += edgeWidth) {
      const edgeType = edgeTypes[raw.edges[edge + edgeTypeAt]];
      if (edgeType === "weak" || edgeType === "shortcut") continue;
      const nameOrIndex = raw.edges[edge + edgeNameAt];
      const label =
        edgeType === "element" || edgeType === "hidden"
          ? `[${nameOrIndex}]`
          : raw.strings[nameOrIndex];
      const to = raw.edges[edge + toAt] / nodeWidth;
      const list = retainedBy.get(to) ?? [];
      if (list.length < 4) list.push([ordinal, label]);
      retainedBy.set(to, list);
    }
  }
  return { group, size, retainers: (ordinal) => retainedBy.get(ordinal) ?? [] };
}

type Tally = Map<string, { count: number; bytes: number }>;

function tally(heap: Heap): Tally {
  const byGroup: Tally = new Map();
  heap.group.forEach((name, ordinal) => {
    const entry = byGroup.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += heap.size[ordinal];
    byGroup.set(name, entry);
  });
  return byGroup;
}

export type Growth = {
  group: string;
  count: [number, number];
  bytes: [number, number];
  /** The commonest "retainer constructor.edge" of this group's objects in the later snapshot. */
  heldBy: string[];
};

/** The `top` groups whose bytes grew most from `before` to `after`. */
export function compareSnapshots(before: string, after: string, top = 12): Growth[] {
  const first = tally(read(before));
  const later = read(after);
  const second = tally(later);
  const grown = [...second]
    .map(([group, { count, bytes }]) => {
      const was = first.get(group) ?? { count: 0, bytes: 0 };
      return { group, count: [was.count, count], bytes: [was.bytes, bytes] } as Growth;
    })
    .sort((a, b) => b.bytes[1] - b.bytes[0] - (a.bytes[1] - a.bytes[0]))
    .slice(0, top);
  for (const growth of grown) growth.heldBy = commonestRetainers(later, growth.group);
  return grown;
}

function commonestRetainers(heap: Heap, group: string): string[] {
  const holders = new Map<string, number>();
  heap.group.forEach((name, ordinal) => {
    if (name !== group) return;
    for (const [retainer, label] of heap.retainers(ordinal)) {
      const key = `${heap.group[retainer]}.${label}`;
      holders.set(key, (holders.get(key) ?? 0) + 1);
    }
  });
  return [...holders]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([key, n]) => `${key} ×${n}`);
}
