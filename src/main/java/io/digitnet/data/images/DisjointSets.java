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

    /** Each member's set, numbered 0 to count - 1 in the order of the sets' roots. */
    record Numbered(int[] set, int count) {}

    Numbered numbered() {
        int[] set = new int[parent.length];
        int sets = 0;
        for (int member = 0; member < parent.length; member++) {
            int root = root(member);
            set[member] = root == member ? sets++ : set[root];
        }
        return new Numbered(set, sets);
    }

    private int root(int member) {
        while (parent[member] != member) {
            parent[member] = parent[parent[member]];
            member = parent[member];
        }
        return member;
    }
}
