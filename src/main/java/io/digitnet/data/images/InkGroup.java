package io.digitnet.data.images;

import java.util.ArrayList;
import java.util.List;

/** Pieces of a field's ink (its components) that make one digit, or several touching ones, and their box. */
final class InkGroup {
    final List<Integer> members = new ArrayList<>();
    Components.Box box;

    InkGroup(Components components, List<Integer> pieces) {
        box = components.box(pieces.get(0));
        pieces.forEach(c -> add(c, components));
    }

    InkGroup with(InkGroup other, Components components) {
        other.members.forEach(c -> add(c, components));
        return this;
    }

    void add(int component, Components components) {
        members.add(component);
        box = box.with(components.box(component));
    }

    int width() {
        return box.right() - box.left() + 1;
    }

    int height() {
        return box.bottom() - box.top() + 1;
    }

    /** Whether the group holds component {@code c}, per component. */
    boolean[] membership(Components components) {
        boolean[] member = new boolean[components.count()];
        members.forEach(c -> member[c] = true);
        return member;
    }

    /** The whole group's ink, cropped to its box. */
    InkMap ink(InkMap field, Components components) {
        return ink(field, components, box.left(), box.right() + 1);
    }

    /** The group's ink between two columns (from included, to not), cropped to its box's rows. */
    InkMap ink(InkMap field, Components components, int from, int to) {
        boolean[] member = membership(components);
        int top = box.top();
        int rows = box.bottom() - top + 1;
        int columns = to - from;
        float[] levels = new float[columns * rows];
        int[] label = components.label();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = (top + y) * field.width() + from + x;
                if (label[i] >= 0 && member[label[i]]) {
                    levels[y * columns + x] = field.levels()[i];
                }
            }
        }
        return new InkMap(levels, columns, rows);
    }
}
