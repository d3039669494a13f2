#include "setup/StudySection.h"

#include "setup/JsonText.h"
#include "setup/SpecDocument.h"
#include "spec/StudySpecParser.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QJsonArray>
#include <QVBoxLayout>

namespace tw::widgets {

namespace {

const QStringList kTypes = {QStringLiteral("train"), QStringLiteral("command"),
                            QStringLiteral("function")};

} // namespace

StudySection::StudySection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Study"), doc, {}, parent)
{
    auto* name = text({"name"}, SpecField::constant(QStringLiteral("study")),
                      tr("The study's name in the experiment file; running the same name again "
                         "resumes it."));
    auto* description = text({"description"}, {},
                             tr("Free text describing the study, for your own notes."));

    m_objectiveCombo = new QComboBox(this);
    m_objectiveCombo->addItem(tr("Train a model"), kTypes[0]);
    m_objectiveCombo->addItem(tr("Run a script"), kTypes[1]);
    m_objectiveCombo->addItem(tr("Test function"), kTypes[2]);
    m_objectiveCombo->setToolTip(tr("What one trial runs: train a model on a dataset, run your "
                                    "own program, or evaluate a benchmark function."));
    auto* objective = add(SpecField::custom(
        m_doc, {"objective", "type"}, m_objectiveCombo,
        [this] {
            m_loading = true;
            const QString type = objectiveType();
            int i = m_objectiveCombo->findData(type);
            if (i < 0) {
                m_objectiveCombo->addItem(tr("%1 (not valid)").arg(type), type);
                i = m_objectiveCombo->count() - 1;
            }
            for (int k = m_objectiveCombo->count() - 1; k >= 3; --k)
                if (k != i)
                    m_objectiveCombo->removeItem(k);
            m_objectiveCombo->setCurrentIndex(m_objectiveCombo->findData(type));
            m_loading = false;
        },
        this));
    objective->addAlias({"objective"});
    connect(m_objectiveCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            switchObjective(m_objectiveCombo->currentData().toString());
    });

    m_trainMetric = choice({"metric"}, StudySpecParser::trainMetricNames(false), {},
                           tr("The value each trial reports and the study optimises; val_ "
                              "metrics are measured on the validation split."));
    m_otherMetric = text({"metric"}, SpecField::constant(QStringLiteral("value")),
                         tr("The name the value your objective reports goes by in the tables "
                            "and plots."));
    auto* metricBox = new QWidget(this);
    auto* metricLayout = new QHBoxLayout(metricBox);
    metricLayout->setContentsMargins(0, 0, 0, 0);
    metricLayout->addWidget(m_trainMetric->widget());
    metricLayout->addWidget(m_otherMetric->widget());

    auto* direction = choice(
        {"direction"}, QStringList{QStringLiteral("minimize"), QStringLiteral("maximize")},
        [this] {
            const QString metric =
                m_doc->value({"metric"}).isString() ? m_doc->value({"metric"}).toString() : QString();
            return QJsonValue(StudySpecParser::metricMaximizes(metric) ? QStringLiteral("maximize")
                                                                      : QStringLiteral("minimize"));
        },
        tr("Whether a smaller or a larger metric is better; by default accuracy, F1 and R² are "
           "maximised and losses and errors minimised."));

    auto* left = newForm();
    addRow(left, tr("Name:"), name);
    addRow(left, tr("Description:"), description);
    auto* right = newForm();
    addRow(right, tr("Objective:"), objective);
    auto* metricLabel = new QLabel(tr("Metric:"), this);
    metricLabel->setToolTip(m_trainMetric->editor()->toolTip());
    right->addRow(metricLabel, metricBox);
    addRow(right, tr("Direction:"), direction);
    addColumns({{QString(), left}, {QString(), right}});
}

void StudySection::refresh()
{
    const bool train = objectiveType() == QLatin1String("train");
    m_trainMetric->widget()->setVisible(train);
    m_otherMetric->widget()->setVisible(!train);
}

void StudySection::switchObjective(const QString& type)
{
    const QString old = objectiveType();
    if (type == old)
        return;
    const QJsonObject& doc = m_doc->json();
    m_stash.insert(old, QJsonObject{{QStringLiteral("objective"), doc.value(QStringLiteral("objective"))},
                                    {QStringLiteral("search_space"), doc.value(QStringLiteral("search_space"))},
                                    {QStringLiteral("metric"), doc.value(QStringLiteral("metric"))}});
    QJsonObject next = m_stash.value(type);
    if (next.isEmpty()) {
        if (type == QLatin1String("train")) {
            next.insert(QStringLiteral("objective"),
                        QJsonObject{{QStringLiteral("type"), type},
                                    {QStringLiteral("dataset"),
                                     QJsonObject{{QStringLiteral("source"),
                                                  QStringLiteral("builtin:iris")}}}});
            next.insert(QStringLiteral("metric"), QStringLiteral("val_accuracy"));
        } else if (type == QLatin1String("command")) {
            // argv is left empty: the parser's message asks for the program to run.
            next.insert(QStringLiteral("objective"),
                        QJsonObject{{QStringLiteral("type"), type},
                                    {QStringLiteral("argv"), QJsonArray()}});
        } else {
            next.insert(QStringLiteral("objective"),
                        QJsonObject{{QStringLiteral("type"), type},
                                    {QStringLiteral("name"), QStringLiteral("branin")}});
        }
    }
    const auto valueOr = [&](const QString& key) {
        const QJsonValue v = next.value(key);
        return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
    };
    m_doc->setValue({"metric"}, valueOr(QStringLiteral("metric")), this);
    m_doc->setValue({"search_space"}, valueOr(QStringLiteral("search_space")), this);
    m_doc->setValue({"objective"}, valueOr(QStringLiteral("objective")), this);
}

} // namespace tw::widgets
