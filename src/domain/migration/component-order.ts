/**
 * The order components migrate in: least impact first.
 *
 * `egressToComponents` of X naming Y reads "X talks to Y", so X depends on Y. X moves before Y:
 * if moving X goes wrong only X suffers, while moving Y first would disturb every component that
 * depends on it at once. The most depended-on component (usually the data store) moves last,
 * when its callers already run on the target. This is a topological order of the egress graph
 * as written (edge X → Y: X first); ties go to the smaller data size, then the name.
 *
 * A cycle (X → Y → X) has no such order. Its members are grouped (strongly connected
 * components, Tarjan), the group takes its place in the order as one node, its members go by
 * size then name, and the cycle is reported so the plan can say so.
 */

export interface OrderNode {
  readonly name: string;
  readonly gib: number;
  /** Names of the components this one sends traffic to. Self-references are ignored. */
  readonly sendsTo: readonly string[];
}

export interface ComponentOrder {
  readonly order: readonly string[];
  /** Each cycle's members, sorted by name; cycles sorted by their first member. */
  readonly cycles: readonly (readonly string[])[];
}

const byImpact = (a: OrderNode, b: OrderNode) =>
  a.gib - b.gib || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function orderComponents(nodes: readonly OrderNode[]): ComponentOrder {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const edges = new Map(
    nodes.map((n) => [n.name, [...new Set(n.sendsTo)].filter((t) => t !== n.name && byName.has(t))]),
  );
  const groups = stronglyConnected(nodes, edges);
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((name) => groupOf.set(name, i)));

  // Kahn's algorithm over the groups; the ready group with the least impact goes first.
  const indegree = groups.map(() => 0);
  const successors = groups.map(() => new Set<number>());
  for (const [from, targets] of edges) {
    for (const to of targets) {
      const a = groupOf.get(from)!;
      const b = groupOf.get(to)!;
      if (a !== b && !successors[a].has(b)) {
        successors[a].add(b);
        indegree[b] += 1;
      }
    }
  }
  const members = groups.map((g) => g.map((name) => byName.get(name)!).sort(byImpact));
  const ready = groups.map((_, i) => i).filter((i) => indegree[i] === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => byImpact(members[a][0], members[b][0]));
    const next = ready.shift()!;
    order.push(...members[next].map((n) => n.name));
    for (const s of successors[next]) {
      indegree[s] -= 1;
      if (indegree[s] === 0) ready.push(s);
    }
  }
  const cycles = groups
    .filter((g) => g.length > 1)
    .map((g) => [...g].sort())
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { order, cycles };
}

/** Tarjan's strongly connected components, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(
  nodes: readonly OrderNode[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root.name)) continue;
    const work: { name: string; next: number }[] = [{ name: root.name, next: 0 }];
    index.set(root.name, counter);
    low.set(root.name, counter++);
    stack.push(root.name);
    onStack.add(root.name);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.name) ?? [];
      if (frame.next < targets.length) {
        const t = targets[frame.next++];
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ name: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.name, Math.min(low.get(frame.name)!, index.get(t)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].name;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.name)!));
      }
      if (low.get(frame.name) === index.get(frame.name)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.name);
        groups.push(group);
      }
    }
  }
  return groups;
}
