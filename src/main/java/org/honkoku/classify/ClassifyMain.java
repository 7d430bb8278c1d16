package org.honkoku.classify;

/** Thin command-line entry: {@code java ... org.honkoku.classify.ClassifyMain [--model DIR] PATH...}. */
public final class ClassifyMain {

    private ClassifyMain() {
    }

    public static void main(String[] args) {
        System.exit(ClassifyCommand.run(args));
    }
}
