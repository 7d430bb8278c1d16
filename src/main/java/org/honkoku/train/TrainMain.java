package org.honkoku.train;

/** Thin command-line entry: {@code java ... org.honkoku.train.TrainMain --out DIR --data DIR ...}. */
public final class TrainMain {

    private TrainMain() {
    }

    public static void main(String[] args) {
        System.exit(TrainCommand.run(args));
    }
}
