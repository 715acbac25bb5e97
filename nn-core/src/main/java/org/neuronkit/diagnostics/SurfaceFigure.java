package org.neuronkit.diagnostics;

/**
 * The data of one heat map: a {@link LossSurface.Grid} with a title.
 *
 * @param id file stem
 * @param title chart title
 * @param grid the surface
 */
public record SurfaceFigure(String id, String title, LossSurface.Grid grid) {
}
