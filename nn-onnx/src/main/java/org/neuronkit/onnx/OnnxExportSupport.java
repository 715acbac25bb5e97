package org.neuronkit.onnx;

import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.PathSupport;
import org.neuronkit.support.Support;

/**
 * The "ONNX export" column of the support matrix: an entry is served if {@link OnnxExport#toModel} writes
 * the probe model of each of its examples ({@link SupportProbe}), else refused with the exporter's own message.
 */
public final class OnnxExportSupport implements PathSupport {

    @Override
    public String path() {
        return "ONNX export";
    }

    @Override
    public Support support(Family family, Registry.Entry<?> entry) {
        return SupportProbe.answer(family, entry, OnnxExport::toModel);
    }
}
