#include "setup/SearchSpaceSection.h"

#include "setup/ComboBoxDelegate.h"
#include "setup/ObjectiveSection.h"
#include "setup/SearchSpaceModel.h"
#include "setup/SpecDocument.h"
#include "spec/ArgvTemplate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace tw::widgets {

QStringList SearchSpaceSection::trainPaths(const QJsonObject& objective)
{
    QStringList out = {
        QStringLiteral("training.learning_rate"), QStringLiteral("training.batch_size"),
        QStringLiteral("model.hidden"),           QStringLiteral("model.dropout"),
        QStringLiteral("training.weight_decay"),  QStringLiteral("training.epochs"),
        QStringLiteral("model.activation"),       QStringLiteral("training.optimizer"),
        QStringLiteral("model.type"),             QStringLiteral("model.batch_norm"),
        QStringLiteral("model.leaky_slope"),      QStringLiteral("model.init"),
        QStringLiteral("training.momentum"),      QStringLiteral("training.beta1"),
        QStringLiteral("training.beta2"),         QStringLiteral("training.epsilon"),
        QStringLiteral("training.label_smoothing"), QStringLiteral("training.clip_norm"),
        QStringLiteral("training.loss"),          QStringLiteral("training.seed"),
        QStringLiteral("dataset.preprocess"),
    };
    // Keys below an object exist only when that object does (the parser checks the path).
    const QJsonObject training = objective.value(QStringLiteral("training")).toObject();
    if (training.value(QStringLiteral("schedule")).isObject())
        for (const char* k : {"type", "warmup_epochs", "step_size", "gamma", "min_lr", "factor",
                              "patience"})
            out << QStringLiteral("training.schedule.") + QString::fromLatin1(k);
    if (training.value(QStringLiteral("early_stopping")).isObject())
        for (const char* k : {"patience", "min_delta"})
            out << QStringLiteral("training.early_stopping.") + QString::fromLatin1(k);
    const QJsonObject dataset = objective.value(QStringLiteral("dataset")).toObject();
    if (dataset.value(QStringLiteral("split")).isObject())
        out << QStringLiteral("dataset.split.seed");
    return out;
}

SearchSpaceSection::SearchSpaceSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Search space"), doc, {"search_space"}, parent)
{
    m_model = new SearchSpaceModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName("searchSpaceTable");
    m_table->setModel(m_model);
    m_table->setToolTip(tr("The parameters the sampler tunes, one per row; double-click a cell "
                           "to edit it."));
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::SelectedClicked | QAbstractItemView::AnyKeyPressed);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 6 +
                              m_table->horizontalHeader()->sizeHint().height() + 4);
    auto* header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    const QFontMetrics fm = m_table->fontMetrics();
    const auto width = [&](const char* sample) {
        return fm.horizontalAdvance(QString::fromLatin1(sample)) + 24;
    };
    m_table->setColumnWidth(SearchSpaceModel::NameColumn, width("training.learning_rate__"));
    m_table->setColumnWidth(SearchSpaceModel::TypeColumn, width("categorical___"));
    m_table->setColumnWidth(SearchSpaceModel::LowColumn, width("0.00001_"));
    m_table->setColumnWidth(SearchSpaceModel::HighColumn, width("0.00001_"));
    m_table->setColumnWidth(SearchSpaceModel::LogColumn, width("Log_"));
    m_table->setColumnWidth(SearchSpaceModel::StepColumn, width("0.0001"));
    m_table->setColumnWidth(SearchSpaceModel::ChoicesColumn, width("[[16],[32,16],[64,32]]___"));
    m_table->setColumnWidth(SearchSpaceModel::ConditionParamColumn, width("model.hidden___"));
    m_table->setColumnWidth(SearchSpaceModel::ConditionOpColumn, width("not_in___"));

    m_table->setItemDelegateForColumn(
        SearchSpaceModel::NameColumn,
        new ComboBoxDelegate(
            [this](const QModelIndex& index) {
                QStringList names;
                const QStringList used = m_model->names();
                const QString self = m_model->names().value(index.row());
                for (const QString& n : m_model->knownNames())
                    if (n == self || !used.contains(n))
                        names << n;
                return names;
            },
            true, m_table));
    m_table->setItemDelegateForColumn(
        SearchSpaceModel::TypeColumn,
        new ComboBoxDelegate([](const QModelIndex&) { return SearchSpaceModel::typeNames(); },
                             false, m_table));
    m_table->setItemDelegateForColumn(
        SearchSpaceModel::ConditionParamColumn,
        new ComboBoxDelegate(
            [this](const QModelIndex& index) {
                QStringList names{QString()};
                for (const QString& n : m_model->names())
                    if (n != m_model->names().value(index.row()))
                        names << n;
                return names;
            },
            true, m_table));
    m_table->setItemDelegateForColumn(
        SearchSpaceModel::ConditionOpColumn,
        new ComboBoxDelegate(
            [](const QModelIndex&) { return QStringList{QStringLiteral("in"), QStringLiteral("not_in")}; },
            false, m_table));

    m_field = add(SpecField::custom(
        m_doc, {"search_space"}, m_table,
        [this] { m_model->setSpace(m_doc->value({QStringLiteral("search_space")}).toObject()); },
        this));
    m_field->setErrorHandler([this](const QStringList& rest, const QString& message) {
        m_model->setError(rest.value(0), message);
        const int row = m_model->errorRow();
        if (row >= 0)
            m_table->scrollTo(m_model->index(row, 0));
    });
    connect(m_model, &SearchSpaceModel::spaceEdited, this, [this](const QJsonObject& space) {
        m_doc->setValue({"search_space"}, space.isEmpty() ? QJsonValue(QJsonValue::Undefined) : space,
                        m_field);
    });

    m_add = new QPushButton(tr("Add parameter"), this);
    m_add->setToolTip(tr("Add a parameter to tune, starting from a typical range for it."));
    m_add->setObjectName("addParameterButton");
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName("removeParameterButton");
    m_remove->setToolTip(tr("Remove the selected parameter from the search."));
    m_hint = new QLabel(this);
    m_hint->setEnabled(false);
    m_hint->setWordWrap(true);
    connect(m_add, &QPushButton::clicked, this, [this] {
        const int row = m_model->addParameter();
        if (row >= 0) {
            m_table->selectRow(row);
            m_table->scrollTo(m_model->index(row, 0));
        }
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            m_model->removeParameter(current.row());
    });
    connect(m_model, &SearchSpaceModel::rejected, this, [this](const QString& why) {
        m_hint->setText(why);
        QTimer::singleShot(5000, m_hint, [this] { refresh(); });
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addSpacing(12);
    buttons->addWidget(m_hint, 1);
    m_layout->addWidget(m_field->widget(), 1);
    m_layout->addLayout(buttons);
}

QLabel* SearchSpaceSection::messageLabel() const
{
    return m_field->errorLabel();
}

void SearchSpaceSection::refresh()
{
    const QString type = objectiveType();
    const QJsonObject objective = m_doc->value({QStringLiteral("objective")}).toObject();
    QStringList known;
    QString hint;
    if (type == QLatin1String("train")) {
        known = trainPaths(objective);
        hint = tr("Names are dotted paths into the objective, such as training.learning_rate.");
    } else if (type == QLatin1String("function")) {
        const int dim = std::max(1, ObjectiveSection::effectiveDim(objective));
        for (int i = 0; i < std::min(dim, 1000); ++i)
            known << QStringLiteral("x%1").arg(i);
        hint = tr("List x0, x1… to narrow or fix a coordinate; the others search the function's "
                  "whole domain.");
    } else if (type == QLatin1String("command")) {
        for (const QJsonValue& a : objective.value(QStringLiteral("argv")).toArray())
            if (const auto names = ArgvTemplate::placeholders(a.toString()))
                for (const QString& n : *names)
                    if (!known.contains(n))
                        known << n;
        hint = tr("Each parameter replaces its {name} in the command's arguments.");
    }
    m_model->setKnownNames(known);
    m_hint->setText(hint);
    m_remove->setEnabled(m_model->rowCount() > 0);
}

} // namespace tw::widgets
