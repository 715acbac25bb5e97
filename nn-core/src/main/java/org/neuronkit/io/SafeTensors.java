package org.neuronkit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.neuronkit.AllocationLimit;
import org.neuronkit.ModelFileException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named tensors and string metadata in the safetensors layout (huggingface/safetensors):
 * an 8-byte little-endian unsigned header length n; n bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional {@code "__metadata__"}
 * string→string map; then the tensors' raw little-endian bytes in row-major order, offsets counted
 * from the end of the header.
 *
 * <p>Reading is safe on untrusted files: no Java deserialisation, and every size (header length,
 * shapes, offsets) is checked against the file and the {@link AllocationLimit} before any tensor is
 * allocated. The tensors must tile the data section exactly (no overlap, no hole, nothing after the
 * last), and nothing but spaces may follow the header's JSON object. Writing is atomic (see
 * {@link AtomicFiles}). Supported dtypes: F64, F32, I64, I32.
 *
 * <p>Checksums: the writer stores, in the metadata under {@value #CHECKSUM_KEY}, a JSON object that
 * maps each tensor's name to the CRC32C (Castagnoli) of its data bytes as 8 hex digits; other readers
 * ignore it. The reader checks every tensor it reads against it and refuses a mismatch naming the
 * tensor: a CRC detects every error of one to three bits and every burst of up to 32 bits. A file
 * without checksums (written before they existed) is read with a warning.
 */
public final class SafeTensors {
    /** The key of the metadata map in the header. */
    static final String METADATA_KEY = "__metadata__";
    /** The metadata key of the tensors' CRC32C checksums. */
    static final String CHECKSUM_KEY = "tensor_crc32c";
    private static final Logger LOG = LoggerFactory.getLogger(SafeTensors.class);
    /** The bytes read into native memory per step while checksumming. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** A larger header is refused before it is read (the reference implementation's limit). */
    static final long MAX_HEADER_BYTES = 100L << 20;
    /** The largest tensor read or written in one piece. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What a file holds: tensors and metadata, both in file order. */
    public record Contents(Map<String, INDArray> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The tensor called {@code name}; fails naming the file's content if there is none. */
        public INDArray tensor(String name) {
            INDArray t = tensors.get(name);
            if (t == null) {
                throw new ModelFileException("no tensor '" + name + "' (the file has " + tensors.keySet() + ")");
            }
            return t;
        }
    }

    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} (in map order) and {@code metadata} to {@code file}, atomically.
     *
     * @throws ModelFileException for an unsupported dtype, an empty tensor or a failed write; an
     *     existing {@code file} is then left untouched
     */
    public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
        if (metadata.containsKey(CHECKSUM_KEY)) {
            throw new ModelFileException("file " + file + ": the metadata key '" + CHECKSUM_KEY + "' is the writer's own");
        }
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA_KEY);
        metadata.forEach((k, v) -> meta.put(k, v));
        Map<String, Integer> checksums = new LinkedHashMap<>();
        tensors.keySet().forEach(name -> checksums.put(name, 0));
        meta.put(CHECKSUM_KEY, checksumJson(checksums));
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            INDArray t = e.getValue();
            if (name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new ModelFileException("file " + file + ": '" + name + "' cannot name a tensor");
            }
            Dtype dtype = Dtype.of(t.dataType(), file, name);
            long bytes = t.length() * dtype.size;
            if (t.isEmpty() || bytes > MAX_TENSOR_BYTES) {
                throw new ModelFileException("file " + file + ": tensor '" + name + "' of shape "
                        + Arrays.toString(t.shape()) + " is empty or too large to write");
            }
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", dtype.name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = headerBytes(header);
        AtomicFiles.write(file, channel -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, json.length);
            writeFully(channel, length);
            writeFully(channel, ByteBuffer.wrap(json));
            for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
                INDArray t = e.getValue();
                ByteBuffer bytes = Dtype.of(t.dataType(), file, e.getKey()).toBytes(t);
                CRC32C crc = new CRC32C();
                crc.update(bytes.duplicate());
                checksums.put(e.getKey(), (int) crc.getValue());
                writeFully(channel, bytes);
            }
            meta.put(CHECKSUM_KEY, checksumJson(checksums));
            byte[] withChecksums = headerBytes(header);
            if (withChecksums.length != json.length) {
                throw new IllegalStateException("the header with checksums has another length than with placeholders");
            }
            channel.position(8);
            writeFully(channel, ByteBuffer.wrap(withChecksums));
        });
    }

    /** {@code {"name": "8 hex digits", ...}}: every value has the same length, so the header's length does not depend on them. */
    private static String checksumJson(Map<String, Integer> checksums) {
        ObjectNode node = JSON.createObjectNode();
        checksums.forEach((name, crc) -> node.put(name, String.format("%08x", crc)));
        return node.toString();
    }

    /** The header as UTF-8 JSON, padded with spaces to a multiple of 8 bytes (as the reference writer does). */
    private static byte[] headerBytes(ObjectNode header) {
        try {
            String json = JSON.writeValueAsString(header);
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            int padded = (utf8.length + 7) / 8 * 8;
            byte[] out = Arrays.copyOf(utf8, padded);
            Arrays.fill(out, utf8.length, padded, (byte) ' ');
            return out;
        } catch (JsonProcessingException e) {
            throw new ModelFileException("cannot encode header: " + e.getOriginalMessage(), e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Reads every tensor and the metadata of {@code file}.
     *
     * @throws ModelFileException naming the file and the problem for a missing, truncated, corrupted
     *     or foreign file, or one whose tensors exceed the {@link AllocationLimit}
     */
    public static Contents read(Path file) {
        try (Opened opened = open(file, MAX_HEADER_BYTES)) {
            return opened.readAll();
        }
    }

    /**
     * Opens {@code file} and reads and validates its header only: the tensors' names, dtypes, shapes
     * and offsets (which tile the data exactly), their total size against the
     * {@link AllocationLimit}, and the metadata. Nothing of the tensor data is read until
     * {@link Opened#readAll}, so a caller can check the names and shapes first.
     *
     * @param maxHeaderBytes a longer header is refused before it is read
     */
    static Opened open(Path file, long maxHeaderBytes) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw fail(file, "does not exist");
        } catch (IOException e) {
            throw new ModelFileException("file " + file + ": cannot read: " + e, e);
        }
        try {
            return new Opened(file, channel, maxHeaderBytes);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Whether a file that is no safetensors file is an ONNX model: its name ends in {@code .onnx}, or
     * it starts as an ONNX {@code ModelProto} does, with field 1 ({@code ir_version}) as a varint (byte 0x08).
     */
    private static boolean looksLikeOnnx(Path file, long headerLength) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx") || (headerLength & 0xFF) == 0x08;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }

    /** What the header says about one tensor, before its data is read. */
    record TensorInfo(DataType dataType, long[] shape) {
        long length() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** A file whose header has been read and validated; its tensor data is read on demand, once. */
    static final class Opened implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final long dataStart;
        private final List<Entry> entries;
        private final Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        private final Map<String, String> metadata;
        /** Each tensor's CRC32C by name; null for a file written before checksums. */
        private final Map<String, Integer> checksums;

        private Opened(Path file, FileChannel channel, long maxHeaderBytes) {
            this.file = file;
            this.channel = channel;
            try {
                long size = channel.size();
                if (size < 8) {
                    throw fail(file, "too short (" + size + " bytes) to be a safetensors file");
                }
                long headerLength = readFully(channel, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
                if (headerLength < 0 || headerLength > size - 8) {
                    if (looksLikeOnnx(file, headerLength)) {
                        throw fail(file, "is an ONNX model, not a NeuronKit model file: convert it with"
                                + " 'neuronkit import --onnx " + file + " --out model.safetensors' (in Java, OnnxImport.read)");
                    }
                    throw fail(file, "header length " + Long.toUnsignedString(headerLength) + " is larger than the file ("
                            + size + " bytes): not a safetensors file, or truncated");
                }
                if (headerLength > maxHeaderBytes) {
                    throw fail(file, "header length " + headerLength + " exceeds the limit of " + maxHeaderBytes);
                }
                ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength, file);
                String headerText = StandardCharsets.UTF_8.decode(headerBytes).toString();
                if (!headerText.stripLeading().startsWith("{")) {
                    throw fail(file, "not a safetensors file: the header is not a JSON object");
                }
                JsonNode header = parse(headerText, file);
                dataStart = 8 + headerLength;
                AllocationLimit.check(size - dataStart, "file " + file + ": the tensor data", ModelFileException::new);
                entries = entries(header, size - dataStart, file);
                entries.forEach(e -> tensors.put(e.name, new TensorInfo(e.dtype.nd4j, e.shape)));
                Map<String, String> meta = SafeTensors.metadata(header, file);
                checksums = checksums(meta.remove(CHECKSUM_KEY), tensors.keySet(), file);
                metadata = meta;
            } catch (IOException e) {
                throw new ModelFileException("file " + file + ": cannot read: " + e, e);
            }
        }

        /** Every tensor's dtype and shape by name, in file order. */
        Map<String, TensorInfo> tensors() {
            return Collections.unmodifiableMap(tensors);
        }

        Map<String, String> metadata() {
            return Collections.unmodifiableMap(metadata);
        }

        /** Reads every tensor's data. */
        Contents readAll() {
            return readAllBut(Set.of());
        }

        /** Reads the data of every tensor not named in {@code skipped}, checking each one's checksum. */
        Contents readAllBut(Set<String> skipped) {
            Map<String, INDArray> read = new LinkedHashMap<>();
            for (Entry e : entries) {
                if (!skipped.contains(e.name)) {
                    INDArray t = Nd4j.createUninitialized(e.dtype.nd4j, e.shape, 'c');
                    readInto(e, t);
                    read.put(e.name, t);
                }
            }
            return new Contents(read, metadata);
        }

        /**
         * Reads tensor {@code name}'s data straight into {@code target}'s native memory, with no copy on
         * the way, and checks its checksum. The target must be a row-major, contiguous array (a view
         * into a larger buffer included) of the tensor's dtype and shape, as the header's
         * {@link #tensors()} give them. The file's little-endian bytes are the native layout on the
         * machines ND4J's CPU backend runs on (x86-64, aarch64).
         */
        void readInto(String name, INDArray target) {
            Entry entry = entries.stream().filter(e -> e.name.equals(name)).findFirst()
                    .orElseThrow(() -> fail(file, "no tensor '" + name + "'"));
            readInto(entry, target);
        }

        private void readInto(Entry e, INDArray target) {
            if (target.dataType() != e.dtype.nd4j || !Arrays.equals(target.shape(), e.shape) || !rowMajorContiguous(target)) {
                throw new IllegalArgumentException("tensor '" + e.name + "' cannot be read into a " + target.dataType()
                        + " array of shape " + Arrays.toString(target.shape()) + " and strides " + Arrays.toString(target.stride()));
            }
            long length = e.end - e.begin;
            ByteBuffer memory = new BytePointer(target.data().addressPointer()).capacity(length).limit(length).asByteBuffer();
            CRC32C crc = new CRC32C();
            try {
                for (long done = 0; done < length; done += CHUNK_BYTES) {
                    int chunk = (int) Math.min(CHUNK_BYTES, length - done);
                    ByteBuffer slice = memory.slice((int) done, chunk);
                    readFully(channel, dataStart + e.begin + done, slice, file);
                    crc.update(slice.flip());
                }
            } catch (IOException x) {
                throw new ModelFileException("file " + file + ": cannot read: " + x, x);
            }
            if (checksums != null && checksums.get(e.name) != (int) crc.getValue()) {
                throw fail(file, "tensor '" + e.name + "' is damaged: its data's CRC32C is " + String.format("%08x", (int) crc.getValue())
                        + ", the header records " + String.format("%08x", checksums.get(e.name)));
            }
        }

        @Override
        public void close() {
            closeQuietly(channel);
        }
    }

    private static JsonNode parse(String headerText, Path file) {
        try {
            JsonNode header = JSON.readTree(headerText);
            if (header == null || !header.isObject()) {
                throw fail(file, "not a safetensors file: the header is not a JSON object");
            }
            return header;
        } catch (JsonProcessingException e) {
            throw notJson(file, "header", e);
        }
    }

    /**
     * The failure for JSON that Jackson refused: its message, and where it stopped when Jackson
     * knows (its limits on nesting depth and string length report no location).
     */
    static ModelFileException notJson(Path file, String what, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new ModelFileException("file " + file + ": " + what + " is not valid JSON: " + e.getOriginalMessage()
                + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
    }

    private static Map<String, String> metadata(JsonNode header, Path file) {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = header.get(METADATA_KEY);
        if (meta == null) {
            return metadata;
        }
        if (!meta.isObject()) {
            throw fail(file, METADATA_KEY + " is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw fail(file, METADATA_KEY + " value of '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    /** One tensor's header entry, validated on its own. */
    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
    }

    /** Validates every entry and that the entries tile {@code [0, dataBytes)} exactly. */
    private static List<Entry> entries(JsonNode header, long dataBytes, Path file) {
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals(METADATA_KEY)) {
                entries.add(entry(field.getKey(), field.getValue(), file));
            }
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        String previous = null;
        for (Entry e : byOffset) {
            if (e.end > dataBytes) {
                throw fail(file, "tensor '" + e.name + "' data_offsets [" + e.begin + ", " + e.end
                        + "] reach beyond the " + dataBytes + " bytes of tensor data: the file is truncated");
            }
            if (e.begin < expected) {
                throw fail(file, "tensors '" + previous + "' and '" + e.name + "' overlap (at byte " + e.begin + ")");
            }
            if (e.begin > expected) {
                throw fail(file, "no tensor covers bytes [" + expected + ", " + e.begin + ") of the data");
            }
            expected = e.end;
            previous = e.name;
        }
        if (expected != dataBytes) {
            throw fail(file, (dataBytes - expected) + " bytes after the last tensor: the file is corrupted");
        }
        return entries;
    }

    private static Entry entry(String name, JsonNode node, Path file) {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(file, where + " is not described by a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        Dtype dtype = dtypeNode == null ? null : Dtype.named(dtypeNode.asText());
        if (dtype == null) {
            throw fail(file, where + " has dtype " + dtypeNode + "; supported: " + Arrays.toString(Dtype.values()));
        }
        long[] shape = longs(node.get("shape"), -1, file, where + " shape");
        long[] offsets = longs(node.get("data_offsets"), 2, file, where + " data_offsets");
        if (offsets[0] > offsets[1]) {
            throw fail(file, where + " data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long bytes = dtype.size;
        for (long d : shape) {
            if (d == 0) {
                throw fail(file, where + " is empty (shape " + Arrays.toString(shape) + "); not supported");
            }
            bytes = bytes > MAX_TENSOR_BYTES / d ? Long.MAX_VALUE : bytes * d;
        }
        if (bytes != offsets[1] - offsets[0]) {
            throw fail(file, where + " of shape " + Arrays.toString(shape) + " and dtype " + dtype + " needs "
                    + (bytes == Long.MAX_VALUE ? "more than " + MAX_TENSOR_BYTES : bytes) + " bytes but its data_offsets "
                    + Arrays.toString(offsets) + " hold " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of length {@code length} (or any length if negative). */
    private static long[] longs(JsonNode node, int length, Path file, String what) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw fail(file, what + " is " + node + ", expected an array of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw fail(file, what + " has " + v + ", expected a non-negative integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(channel, position, buffer, file);
        return buffer.flip();
    }

    /** Whether {@code t}'s elements lie in row-major order, one after the other (a stride of a size-1 dimension does not matter). */
    private static boolean rowMajorContiguous(INDArray t) {
        long expected = 1;
        for (int d = t.rank() - 1; d >= 0; d--) {
            if (t.size(d) > 1 && t.stride(d) != expected) {
                return false;
            }
            expected *= t.size(d);
        }
        return true;
    }

    /** Fills {@code buffer} (from position 0 to its limit) with the file's bytes from {@code position} on. */
    private static void readFully(FileChannel channel, long position, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw fail(file, "ends early at byte " + (position + buffer.position()) + ": the file is truncated");
            }
        }
    }

    /**
     * The checksums recorded as {@code json} (see {@link #CHECKSUM_KEY}), one for each of {@code names};
     * null, with a warning, for a file without them.
     */
    private static Map<String, Integer> checksums(String json, Set<String> names, Path file) {
        if (json == null) {
            LOG.warn("file {} has no tensor checksums (written before NeuronKit recorded them): damage to its tensor data"
                    + " cannot be detected; save it again to add them", file);
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw notJson(file, "metadata '" + CHECKSUM_KEY + "'", e);
        }
        Map<String, Integer> checksums = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String hex = f.getValue().isTextual() ? f.getValue().textValue() : "";
                if (hex.length() == 8 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    checksums.put(f.getKey(), Integer.parseUnsignedInt(hex, 16));
                }
            });
        }
        if (node == null || !node.isObject() || checksums.size() != node.size() || !checksums.keySet().equals(names)) {
            throw fail(file, "metadata '" + CHECKSUM_KEY + "' is " + json + ", expected 8 hex digits for each of the tensors " + names);
        }
        return checksums;
    }

    private static ModelFileException fail(Path file, String problem) {
        return new ModelFileException("file " + file + ": " + problem);
    }

    /** The element types a file may hold, with their ND4J data type and byte size. */
    private enum Dtype {
        F64(DataType.DOUBLE, 8),
        F32(DataType.FLOAT, 4),
        I64(DataType.INT64, 8),
        I32(DataType.INT32, 4);

        final DataType nd4j;
        final int size;

        Dtype(DataType nd4j, int size) {
            this.nd4j = nd4j;
            this.size = size;
        }

        static Dtype named(String name) {
            for (Dtype d : values()) {
                if (d.name().equals(name)) {
                    return d;
                }
            }
            return null;
        }

        static Dtype of(DataType type, Path file, String tensor) {
            for (Dtype d : values()) {
                if (d.nd4j == type) {
                    return d;
                }
            }
            throw new ModelFileException("file " + file + ": tensor '" + tensor + "' has data type " + type
                    + "; supported: DOUBLE, FLOAT, INT64, INT32");
        }

        /** The tensor's elements in row-major order as little-endian bytes. */
        ByteBuffer toBytes(INDArray t) {
            INDArray c = t.dup('c');
            ByteBuffer out = ByteBuffer.allocate((int) (c.length() * size)).order(ByteOrder.LITTLE_ENDIAN);
            switch (this) {
                case F64 -> out.asDoubleBuffer().put(c.data().asDouble());
                case F32 -> out.asFloatBuffer().put(c.data().asFloat());
                case I64 -> out.asLongBuffer().put(c.data().asLong());
                case I32 -> out.asIntBuffer().put(c.data().asInt());
                default -> throw new IllegalStateException(name());
            }
            return out;
        }
    }
}
