package org.neuronkit.onnx;

import java.nio.file.Path;

import org.neuronkit.ModelFileException;
import org.neuronkit.io.ModelFile;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;

/**
 * The "ONNX import" column of the support matrix: an entry is served if {@link OnnxImport#fromModel} reads the
 * export of the probe model of each of its examples ({@link SupportProbe}) back with the same layers, loss and
 * normaliser, else refused with the importer's own message. (Graphs of other exporters carry no NeuronKit
 * record: they are read through ONNX's ops, nn-onnx/README.md.)
 */
public final class OnnxImportSupport implements PathSupport {

    @Override
    public String path() {
        return "ONNX import";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        return SupportProbe.answer(family, entry, model -> {
            ModelFile.Model back = OnnxImport.fromModel(OnnxExport.toModel(model), Path.of("probe.onnx"));
            boolean same = back.network().specs().equals(model.network().specs())
                    && (model.normalizer() == null ? back.normalizer() == null
                            : back.normalizer() != null && back.normalizer().spec().equals(model.normalizer().spec()));
            if (!same) {
                throw new ModelFileException("the export of " + model.network() + " reads back as " + back.network());
            }
        });
    }
}
