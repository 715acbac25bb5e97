package org.neuronkit.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.neuronkit.ConfigurationException;

/**
 * Names of one family of components (activations, losses, optimizers, …) mapped to factories: the
 * single list that parsing, error messages, command-line help and completion, benchmarks and tests
 * all read.
 *
 * <p>A spec is {@code name} or {@code name(arg, arg, …)}: the name is case-insensitive and may have
 * aliases; the arguments are split at top-level commas (so {@code squared-error(swish(learn,1.0))}
 * has one argument) and handed to the factory as {@link Args}, which reads them by position or as
 * {@code key=value}. Example, one line per entry:
 * <pre>{@code
 * static final Registry<Activation> REGISTRY = new Registry<Activation>("activation")
 *         .add("relu", "max(0, z)", args -> new Relu())
 *         .add("leakyrelu(γ)", "max(z, γz), γ = 0.01 by default", args -> new LeakyRelu(args.number(0, 0.01)))
 *         .alias("leaky-relu", "leakyrelu");
 * }</pre>
 *
 * @param <T> what the factories make
 */
public final class Registry<T> {

    /**
     * One registered name.
     *
     * @param name the canonical name, lower case, without parameters
     * @param usage the name as help shows it, with parameter placeholders, e.g. {@code leakyrelu(γ)}
     * @param description one line for help texts
     * @param factory makes a new instance from the parsed arguments
     * @param examples specs that parse, covering every form of the entry, for tests and benchmarks
     */
    public record Entry<T>(String name, String usage, String description, Function<Args, T> factory, List<String> examples) {
    }

    private final String family;
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    /** @param family what the names name, for error messages, e.g. {@code activation} */
    public Registry(String family) {
        this.family = family;
    }

    /**
     * Registers {@code usage}: a name, or a name followed by its parameter placeholders in parentheses
     * ({@code swish(β)}); the name alone is the key. {@code examples} are specs covering every form
     * of the entry (default: the bare name). Returns this registry, so entries chain.
     *
     * @throws IllegalArgumentException if the name is already registered (as a name or an alias)
     */
    public synchronized Registry<T> add(String usage, String description, Function<Args, T> factory, String... examples) {
        int paren = usage.indexOf('(');
        String name = key(paren < 0 ? usage : usage.substring(0, paren));
        requireFree(name);
        entries.put(name, new Entry<>(name, usage, description, factory, examples.length == 0 ? List.of(name) : List.of(examples)));
        return this;
    }

    /** Makes {@code alias} another name of the registered {@code name}. */
    public synchronized Registry<T> alias(String alias, String name) {
        String target = key(name);
        if (!entries.containsKey(target)) {
            throw new IllegalArgumentException(family + " '" + name + "' is not registered");
        }
        requireFree(key(alias));
        aliases.put(key(alias), target);
        return this;
    }

    private void requireFree(String name) {
        if (entries.containsKey(name) || aliases.containsKey(name)) {
            throw new IllegalArgumentException(family + " '" + name + "' is already registered");
        }
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * A new instance for {@code spec}, e.g. {@code leakyrelu(0.01)}.
     *
     * @throws ConfigurationException naming the spec and listing the known names if the name is
     *     unknown, or naming the bad argument
     */
    public T parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        int open = text.indexOf('(');
        if (open >= 0 && !text.endsWith(")")) {
            throw new ConfigurationException(family + " '" + spec + "': missing ')'");
        }
        String name = key(open < 0 ? text : text.substring(0, open));
        Entry<T> entry = entry(name);
        if (entry == null) {
            throw new ConfigurationException("unknown " + family + " '" + spec + "'; known: " + String.join(", ", usages()));
        }
        String inner = open < 0 ? "" : text.substring(open + 1, text.length() - 1);
        return entry.factory().apply(new Args(family + " '" + spec + "'", split(inner, spec)));
    }

    /** The entry of a name or alias (any case), or null. */
    public synchronized Entry<T> entry(String name) {
        String key = key(name);
        return entries.get(aliases.getOrDefault(key, key));
    }

    /** Whether {@code name} (any case, without parameters) is a registered name or alias. */
    public boolean contains(String name) {
        return entry(name) != null;
    }

    /** Whether the name of {@code spec} (a spec such as {@code maxout(3)}, its parameters not checked) is registered. */
    public boolean namesEntry(String spec) {
        String text = spec == null ? "" : spec.trim();
        int open = text.indexOf('(');
        return contains(open < 0 ? text : text.substring(0, open));
    }

    /** The canonical names, in registration order. */
    public synchronized List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The names as help shows them, with parameter placeholders, in registration order. */
    public synchronized List<String> usages() {
        return entries.values().stream().map(Entry::usage).toList();
    }

    /** Every entry's {@link Entry#examples()}: specs that parse, for tests and benchmarks. */
    public synchronized List<String> examples() {
        return entries.values().stream().flatMap(e -> e.examples().stream()).toList();
    }

    /** Every entry, in registration order. */
    public synchronized List<Entry<T>> entries() {
        return List.copyOf(entries.values());
    }

    /** The arguments between the outer parentheses, split at commas outside nested parentheses. */
    private List<String> split(String inner, String spec) {
        List<String> args = new ArrayList<>();
        if (inner.isBlank()) {
            return args;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inner.substring(start, i).trim());
                start = i + 1;
            }
            if (depth < 0) {
                break;
            }
        }
        if (depth != 0) {
            throw new ConfigurationException(family + " '" + spec + "': unbalanced parentheses");
        }
        args.add(inner.substring(start).trim());
        return args;
    }
}
