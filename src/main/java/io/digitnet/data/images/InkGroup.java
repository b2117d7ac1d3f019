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
        float[] levels = new float[width() * height()];
        paint(field, components, CutPaths.Cut.straight(height(), box.left()).columns(),
                CutPaths.Cut.straight(height(), box.right() + 1).columns(), levels, box.left(), box.top(), width());
        return new InkMap(levels, width(), height());
    }

    /**
     * Copies the group's ink between two cuts, in each row of its box from {@code from[row]}
     * (included) to {@code to[row]} (not), into {@code levels}, a map {@code width} wide whose
     * first pixel is the field's ({@code left}, {@code top}).
     */
    void paint(InkMap field, Components components, int[] from, int[] to, float[] levels, int left, int top, int width) {
        boolean[] member = membership(components);
        int[] label = components.label();
        for (int y = 0; y < height(); y++) {
            int row = box.top() + y;
            for (int x = from[y]; x < to[y]; x++) {
                int i = row * field.width() + x;
                if (label[i] >= 0 && member[label[i]]) {
                    levels[(row - top) * width + x - left] = field.levels()[i];
                }
            }
        }
    }
}
