#include "PlotExport.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "analysis/ContourData.h"
#include "analysis/ContourPlot.h"
#include "analysis/EdfData.h"
#include "analysis/EdfPlot.h"
#include "analysis/ImportancePlot.h"
#include "analysis/IntermediateData.h"
#include "analysis/IntermediatePlot.h"
#include "analysis/ParallelData.h"
#include "analysis/ParallelPlot.h"
#include "analysis/ParamImportance.h"
#include "analysis/SliceData.h"
#include "analysis/SlicePlot.h"
#include "analysis/TimelineData.h"
#include "analysis/TimelinePlot.h"
#include "plots/HistoryPlot.h"

#include <QFileInfo>
#include <QSvgGenerator>

#include <memory>

namespace tw::gui {

QStringList PlotExport::kinds()
{
    return {"history", "importance", "parallel", "contour", "slice", "edf", "timeline", "intermediate"};
}

namespace {

// Keeps only the named params of each trial (for slice, parallel and importance); false
// with the first unknown name in *unknown.
bool keepParams(std::vector<FrozenTrial>& trials, const QStringList& names, QString* unknown)
{
    if (names.isEmpty())
        return true;
    for (const QString& n : names) {
        bool found = false;
        for (const auto& t : trials)
            found = found || t.params.count(n.toStdString()) > 0;
        if (!found) {
            *unknown = n;
            return false;
        }
    }
    for (auto& t : trials)
        for (auto it = t.params.begin(); it != t.params.end();)
            it = names.contains(QString::fromStdString(it->first)) ? std::next(it) : t.params.erase(it);
    return true;
}

} // namespace

int PlotExport::run(const PlotRequest& request, QString* error)
{
    if (!kinds().contains(request.kind)) {
        *error = QString("--plot: expected one of %1, got \"%2\"").arg(kinds().join(", "), request.kind);
        return 2;
    }
    const bool pdf = request.out.endsWith(".pdf", Qt::CaseInsensitive);
    const bool svg = request.out.endsWith(".svg", Qt::CaseInsensitive);
    if (request.out.isEmpty() || (!pdf && !svg && !request.out.endsWith(".png", Qt::CaseInsensitive))) {
        *error = request.out.isEmpty() ? QString("--plot needs --out FILE.png, FILE.pdf or FILE.svg")
                                       : QString("--out %1: expected a file ending in .png, .pdf or .svg").arg(request.out);
        return 2;
    }
    if (request.kind == "contour" && !request.params.isEmpty() && request.params.size() != 2) {
        *error = QString("--params: the contour takes two parameters (x,y), got %1").arg(request.params.size());
        return 2;
    }
    if (request.width < 100 || request.height < 100 || request.width > 10000 || request.height > 10000) {
        *error = QString("--width and --height: expected 100 to 10000 pixels, got %1 x %2").arg(request.width).arg(request.height);
        return 2;
    }
    std::vector<FrozenTrial> trials;
    StudyRecord study;
    try {
        auto storage = StorageOpener::open(request.storage);
        study = StudySession::findStudy(*storage, request.study);
        trials = storage->trials(study.id);
    } catch (const SessionError& e) {
        *error = QString::fromUtf8(e.what());
        return 2;
    } catch (const StorageError& e) {
        *error = QString::fromUtf8(e.what());
        return 2;
    }
    QString unknown;
    if (request.kind != "contour" && !keepParams(trials, request.params, &unknown)) {
        *error = QString("--params: study '%1' has no parameter \"%2\"").arg(QString::fromStdString(study.name), unknown);
        return 2;
    }
    const QString metric = study.metric.empty() ? QString("value") : QString::fromStdString(study.metric);
    std::unique_ptr<widgets::InteractivePlot> plot;
    if (request.kind == "history") {
        auto p = std::make_unique<widgets::HistoryPlot>();
        std::vector<widgets::HistoryPlot::Point> points;
        for (const auto& t : trials)
            if (t.state == TrialState::Complete && t.value)
                points.push_back({t.number, *t.value});
        p->setValueName(metric);
        p->setStudy(QString::fromStdString(study.name), study.direction, points);
        p->refresh();
        plot = std::move(p);
    } else if (request.kind == "importance") {
        auto p = std::make_unique<widgets::ImportancePlot>();
        p->setResult(ParamImportance::compute(trials, {}));
        plot = std::move(p);
    } else if (request.kind == "parallel") {
        auto p = std::make_unique<widgets::ParallelPlot>();
        p->setValueName(metric);
        p->setData(ParallelData::build(trials));
        plot = std::move(p);
    } else if (request.kind == "contour") {
        auto p = std::make_unique<widgets::ContourPlot>();
        const std::string x = request.params.value(0).toStdString(), y = request.params.value(1).toStdString();
        const ContourSurface surface = ContourData::build(trials, x, y);
        if (!surface.ok()) {
            *error = QString("contour of study '%1': %2").arg(QString::fromStdString(study.name),
                                                              QString::fromStdString(surface.error));
            return 2;
        }
        p->setSurface(surface, metric);
        plot = std::move(p);
    } else if (request.kind == "slice") {
        auto p = std::make_unique<widgets::SlicePlot>();
        p->setSlices(SliceData::build(trials), metric);
        plot = std::move(p);
    } else if (request.kind == "edf") {
        auto p = std::make_unique<widgets::EdfPlot>();
        p->setCurve(EdfData::build(trials), metric);
        plot = std::move(p);
    } else if (request.kind == "timeline") {
        auto p = std::make_unique<widgets::TimelinePlot>();
        p->setTimeline(TimelineData::build(trials, Clock::now()));
        plot = std::move(p);
    } else {
        auto p = std::make_unique<widgets::IntermediatePlot>();
        p->setCurves(IntermediateData::build(trials), metric);
        plot = std::move(p);
    }
    plot->resize(request.width, request.height);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    bool ok = false;
    if (svg) {
        QSvgGenerator generator;
        generator.setFileName(request.out);
        generator.setSize(QSize(request.width, request.height));
        generator.setViewBox(QRect(0, 0, request.width, request.height));
        generator.setTitle(QString("%1 of %2").arg(request.kind, QString::fromStdString(study.name)));
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok) {
            plot->toPainter(&painter, request.width, request.height);
            ok = painter.end();
        }
        ok = ok && QFileInfo(request.out).size() > 0;
    } else {
        ok = pdf ? plot->savePdf(request.out, request.width, request.height)
                 : plot->savePng(request.out, request.width, request.height, 1.0);
    }
    if (!ok) {
        *error = QString("cannot write %1").arg(request.out);
        return 2;
    }
    return 0;
}

} // namespace tw::gui
