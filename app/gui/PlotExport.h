#pragma once
#include <QString>
#include <QStringList>

namespace tw::gui {

// `tunewright --plot KIND --out FILE`: one of the workbench's plots of a stored study,
// drawn offscreen into a PNG, PDF or SVG without showing a window, for scripts and reports.
struct PlotRequest {
    QString kind;     // history, importance, parallel, contour, slice, edf, timeline, intermediate
    QString out;      // .png, .pdf or .svg
    QString storage;  // empty: the default experiment file
    QString study;    // empty: the storage's only study
    // Slice, parallel and importance: only these parameters (empty: all); contour: its
    // x and y (empty: the first two).
    QStringList params;
    int width = 1000;
    int height = 700;
};

class PlotExport {
public:
    static QStringList kinds();
    // Writes the plot. 0 on success; 2 with *error set for bad input (an unknown kind or
    // parameter, a missing study, an unwritable file); 1 for an internal error.
    static int run(const PlotRequest& request, QString* error);
};

} // namespace tw::gui
