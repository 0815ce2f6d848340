package dev.vodelement.image;

import java.util.List;

/** Every rule one image breaks (an image can be both too narrow and too elongated), carried out of its probe thread. */
final class ImageRejectedList extends Exception {

    private final List<String> problems;

    ImageRejectedList(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
