package org.honkoku;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command: {@code --name value} options, {@code --flag} switches and the
 * remaining positional arguments. Unknown options are errors, so a typo is not silently ignored.
 */
public record CommandLine(Map<String, String> options, Set<String> flags, List<String> positional) {

    public static CommandLine parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagOptions.contains(name)) {
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new CommandLine(options, flags, positional);
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** A comma-separated list of numbers ({@code --l2 0.003,0.03}), or {@code fallback}'s. */
    public double[] numbers(String name, String fallback) {
        return Arrays.stream(option(name, fallback).split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }
}
