package io.digitnet.data.images;

/** A digit's ink and the column of the field its piece starts at, to put a field's digits in order. */
record Placed(int left, InkMap ink) {}
