package io.digitnet.data.images;

/**
 * Runs of ink joined into sets (union-find): each set's root is its lowest-numbered member,
 * so that numbering the sets by their roots keeps the order in which the runs were found.
 */
final class DisjointSets {
    private final int[] parent;

    DisjointSets(int size) {
        parent = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
        }
    }

    void join(int a, int b) {
        int rootA = root(a);
        int rootB = root(b);
        if (rootA != rootB) {
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
        }
    }

    int root(int member) {
        while (parent[member] != member) {
            parent[member] = parent[parent[member]];
            member = parent[member];
        }
        return member;
    }
}
