#include "analysis/ImportancePlot.h"

namespace tw::widgets {

ImportancePlot::ImportancePlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("importancePlot");
    plotLayout()->insertRow(0);
    m_title = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    m_title->setTextColor(palette().color(QPalette::Text));
    plotLayout()->addElement(0, 0, m_title);
    m_bars = new QCPBars(yAxis, xAxis);  // keys on the vertical axis: horizontal bars
    m_bars->setWidth(0.7);
    m_bars->setPen(QPen(QColor(31, 119, 180)));
    m_bars->setBrush(QColor(31, 119, 180, 170));
    xAxis->setLabel(tr("importance"));
    xAxis->setRange(0, 1);
    yAxis->grid()->setVisible(false);
    setInteractions({});
}

void ImportancePlot::setMessage(const QString& text)
{
    m_bars->data()->clear();
    for (QCPItemText* l : m_labels)
        removeItem(l);
    m_labels.clear();
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_title->setText(text);
    replot(rpQueuedReplot);
}

void ImportancePlot::setResult(const ParamImportanceResult& result)
{
    setMessage(QString());
    if (!result.ok()) {
        m_title->setText(QString::fromStdString(result.error));
        replot(rpQueuedReplot);
        return;
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int n = static_cast<int>(result.importances.size());
    QVector<double> keys, values;
    for (int i = 0; i < n; ++i) {
        const auto& e = result.importances[static_cast<std::size_t>(i)];
        const double key = n - i;  // highest on top
        keys << key;
        values << e.importance;
        ticker->addTick(key, QString::fromStdString(e.param));
        auto* label = new QCPItemText(this);
        label->setClipToAxisRect(false);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(e.importance, key);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setPadding(QMargins(4, 0, 0, 0));
        label->setColor(palette().color(QPalette::Text));
        label->setText(QString::number(e.importance, 'f', 3));
        m_labels.push_back(label);
    }
    m_bars->setData(keys, values);  // keys descending: QCP sorts them
    yAxis->setTicker(ticker);
    const QString evaluator = result.evaluator == ImportanceEvaluator::Fanova ? tr("fANOVA") : tr("Mean decrease in impurity");
    QString title = tr("%1 importance over %2 complete trials").arg(evaluator).arg(result.trials);
    if (result.trials < result.eligibleTrials)
        title += tr(" (a random subset of %1)").arg(result.eligibleTrials);
    m_title->setText(title);
    resetView();
}

QString ImportancePlot::title() const
{
    return m_title->text();
}

int ImportancePlot::barCount() const
{
    return m_bars->data()->size();
}

void ImportancePlot::resetView()
{
    double top = 0;
    for (auto it = m_bars->data()->constBegin(); it != m_bars->data()->constEnd(); ++it)
        top = std::max(top, it->value);
    xAxis->setRange(0, top > 0 ? top * 1.18 : 1.0);  // room for the value labels
    yAxis->setRange(0.4, std::max(1, barCount()) + 0.6);
    replot(rpQueuedReplot);
}

} // namespace tw::widgets
