package org.neuronkit.onnx;

import java.nio.file.Path;

import org.neuronkit.ModelFileException;
import org.neuronkit.io.ModelFile;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;

/**
 * The "ONNX import" column of the support matrix: an entry is served if {@link OnnxImport#fromModel} reads the
 * export of the probe model of each of its examples ({@link SupportProbe}) back with the same layers, loss and
 * normaliser, else refused with the importer's own message. The note says whether the entry also comes back
 * from a graph without NeuronKit's architecture record, as other exporters write them (read by its ops).
 */
public final class OnnxImportSupport implements PathSupport {

    @Override
    public String path() {
        return "ONNX import";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        Support recorded = SupportProbe.answer(family, entry, model -> readBack(model, true));
        if (!recorded.supported()) {
            return recorded;
        }
        return SupportProbe.answer(family, entry, model -> readBack(model, false)).supported()
                ? Support.yes("also from graphs without NeuronKit's record (other exporters')")
                : Support.yes("through NeuronKit's record only: a graph without it is read by its ops, which do not give it back");
    }

    /** Exports {@code model} (without the architecture record unless {@code record}) and checks that import gives it back. */
    private static void readBack(ModelFile.Model model, boolean record) {
        ModelProto exported = OnnxExport.toModel(model);
        if (!record) {
            ModelProto.Builder stripped = exported.toBuilder().clearMetadataProps();
            exported.getMetadataPropsList().stream().filter(p -> !p.getKey().equals(NeuronKitMetadata.ARCHITECTURE))
                    .forEach(stripped::addMetadataProps);
            exported = stripped.build();
        }
        ModelFile.Model back = OnnxImport.fromModel(exported, Path.of("probe.onnx"));
        boolean same = back.network().specs().equals(model.network().specs())
                && (model.normalizer() == null ? back.normalizer() == null
                        : back.normalizer() != null && back.normalizer().spec().equals(model.normalizer().spec()));
        if (!same) {
            throw new ModelFileException("the export of " + model.network() + " reads back as " + back.network());
        }
    }
}
