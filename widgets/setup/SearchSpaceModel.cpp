#include "setup/SearchSpaceModel.h"

#include "setup/ErrorStyle.h"
#include "setup/JsonText.h"

#include <QGuiApplication>
#include <QJsonArray>
#include <QPalette>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace tw::widgets {

namespace {

const QString kType = QStringLiteral("type");
const QString kLow = QStringLiteral("low");
const QString kHigh = QStringLiteral("high");
const QString kLog = QStringLiteral("log");
const QString kStep = QStringLiteral("step");
const QString kChoices = QStringLiteral("choices");
const QString kValue = QStringLiteral("value");
const QString kCondition = QStringLiteral("condition");
const QString kParam = QStringLiteral("param");
const QString kIn = QStringLiteral("in");
const QString kNotIn = QStringLiteral("not_in");

QJsonObject range(const char* type, double low, double high, bool log = false, double step = 0)
{
    QJsonObject o{{kType, QString::fromLatin1(type)}, {kLow, low}, {kHigh, high}};
    if (log)
        o.insert(kLog, true);
    if (step > 0)
        o.insert(kStep, step);
    return o;
}

QJsonObject categorical(const QJsonArray& choices)
{
    return QJsonObject{{kType, QStringLiteral("categorical")}, {kChoices, choices}};
}

// "adam, sgd" as a list, when the text has nothing of JSON's own syntax.
std::optional<QJsonArray> bareList(const QString& text)
{
    static const QString syntax = QStringLiteral("[]{}\"");
    for (QChar c : text)
        if (syntax.contains(c))
            return std::nullopt;
    QJsonArray out;
    for (const QString& part : text.split(u',')) {
        const QString t = part.trimmed();
        if (t.isEmpty())
            return std::nullopt;
        const auto v = JsonText::parse(t);
        out.append(v ? *v : QJsonValue(t));
    }
    return out;
}

QJsonValue listFromText(const QString& text)
{
    if (text.trimmed().isEmpty())
        return QJsonArray();
    if (const auto v = JsonText::parseList(text))
        return *v;
    if (const auto v = bareList(text))
        return *v;
    return QJsonValue(text); // the parser says what is wrong with it
}

} // namespace

SearchSpaceModel::SearchSpaceModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QStringList SearchSpaceModel::typeNames()
{
    return {QStringLiteral("float"), QStringLiteral("int"), QStringLiteral("categorical"),
            QStringLiteral("fixed")};
}

QJsonObject SearchSpaceModel::templateFor(const QString& name)
{
    static const QHash<QString, QJsonObject> templates = {
        {QStringLiteral("training.learning_rate"), range("float", 1e-4, 0.1, true)},
        {QStringLiteral("training.batch_size"), range("int", 16, 128, false, 16)},
        {QStringLiteral("training.epochs"), range("int", 10, 100, false, 10)},
        {QStringLiteral("training.weight_decay"), range("float", 1e-6, 1e-2, true)},
        {QStringLiteral("training.momentum"), range("float", 0.5, 0.99)},
        {QStringLiteral("training.beta1"), range("float", 0.8, 0.99)},
        {QStringLiteral("training.beta2"), range("float", 0.9, 0.9999)},
        {QStringLiteral("training.label_smoothing"), range("float", 0.0, 0.2)},
        {QStringLiteral("training.clip_norm"), range("float", 0.0, 5.0)},
        {QStringLiteral("training.optimizer"),
         categorical({QStringLiteral("sgd"), QStringLiteral("momentum"), QStringLiteral("adam"),
                      QStringLiteral("adamw")})},
        {QStringLiteral("training.schedule.type"),
         categorical({QStringLiteral("constant"), QStringLiteral("step"),
                      QStringLiteral("cosine")})},
        {QStringLiteral("training.schedule.warmup_epochs"), range("int", 0, 5)},
        {QStringLiteral("training.early_stopping.patience"), range("int", 5, 20)},
        {QStringLiteral("model.type"),
         categorical({QStringLiteral("softmax"), QStringLiteral("mlp")})},
        {QStringLiteral("model.hidden"),
         categorical({QJsonArray{32}, QJsonArray{64, 64}, QJsonArray{128, 64}})},
        {QStringLiteral("model.activation"),
         categorical({QStringLiteral("relu"), QStringLiteral("tanh"), QStringLiteral("gelu")})},
        {QStringLiteral("model.dropout"), range("float", 0.0, 0.5)},
        {QStringLiteral("model.batch_norm"), categorical({false, true})},
        {QStringLiteral("model.leaky_slope"), range("float", 1e-3, 0.3, true)},
        {QStringLiteral("dataset.preprocess"),
         categorical({QStringLiteral("standardize"), QStringLiteral("minmax")})},
    };
    const auto it = templates.constFind(name);
    return it != templates.constEnd() ? *it : range("float", 0.0, 1.0);
}

QJsonObject SearchSpaceModel::convert(const QJsonObject& param, const QString& type)
{
    const QString from = param.value(kType).toString();
    if (from == type)
        return param;
    QJsonObject out{{kType, type}};
    const bool wasRange = from == QLatin1String("float") || from == QLatin1String("int");
    const QJsonArray choices = param.value(kChoices).toArray();
    if (type == QLatin1String("float") || type == QLatin1String("int")) {
        double low = 0, high = 1;
        if (wasRange) {
            low = param.value(kLow).toDouble(0);
            high = param.value(kHigh).toDouble(1);
        } else {
            QList<double> numbers;
            for (const QJsonValue& c : choices)
                if (c.isDouble())
                    numbers << c.toDouble();
            if (param.value(kValue).isDouble())
                numbers << param.value(kValue).toDouble();
            if (numbers.size() >= 2) {
                low = *std::min_element(numbers.begin(), numbers.end());
                high = *std::max_element(numbers.begin(), numbers.end());
            }
        }
        if (type == QLatin1String("int")) {
            low = std::ceil(low);
            high = std::max(low, std::floor(high));
        }
        out.insert(kLow, low);
        out.insert(kHigh, high);
        if (param.value(kLog).toBool())
            out.insert(kLog, true);
    } else if (type == QLatin1String("categorical")) {
        if (wasRange)
            out.insert(kChoices, QJsonArray{param.value(kLow), param.value(kHigh)});
        else if (param.contains(kValue))
            out.insert(kChoices, QJsonArray{param.value(kValue)});
        else
            out.insert(kChoices, choices);
    } else if (type == QLatin1String("fixed")) {
        if (wasRange)
            out.insert(kValue, param.value(kLow));
        else if (!choices.isEmpty())
            out.insert(kValue, choices.first());
        else
            out.insert(kValue, QJsonValue::Null);
    }
    if (param.contains(kCondition))
        out.insert(kCondition, param.value(kCondition));
    return out;
}

void SearchSpaceModel::setSpace(const QJsonObject& space)
{
    QStringList current = names();
    QSet<QString> currentSet(current.begin(), current.end());
    const QStringList incoming = space.keys();
    QSet<QString> incomingSet(incoming.begin(), incoming.end());
    if (currentSet == incomingSet && current.size() == incoming.size()) {
        for (int r = 0; r < m_rows.size(); ++r) {
            const QJsonObject p = space.value(m_rows[r].name).toObject();
            if (p != m_rows[r].param) {
                m_rows[r].param = p;
                emitRowChanged(r);
            }
        }
        return;
    }
    beginResetModel();
    QList<Row> rows;
    for (const Row& r : std::as_const(m_rows))
        if (incomingSet.contains(r.name))
            rows.push_back({r.name, space.value(r.name).toObject()});
    for (const QString& name : incoming)
        if (!currentSet.contains(name))
            rows.push_back({name, space.value(name).toObject()});
    m_rows = rows;
    endResetModel();
}

QJsonObject SearchSpaceModel::space() const
{
    QJsonObject out;
    for (const Row& r : m_rows)
        out.insert(r.name, r.param);
    return out;
}

QStringList SearchSpaceModel::names() const
{
    QStringList out;
    for (const Row& r : m_rows)
        out << r.name;
    return out;
}

int SearchSpaceModel::rowOf(const QString& name) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].name == name)
            return r;
    return -1;
}

QJsonObject SearchSpaceModel::parameter(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].param : QJsonObject();
}

int SearchSpaceModel::addParameter(const QString& requested)
{
    QString name = requested.trimmed();
    if (name.isEmpty()) {
        for (const QString& known : m_knownNames)
            if (rowOf(known) < 0) {
                name = known;
                break;
            }
        for (int i = 1; name.isEmpty(); ++i)
            if (rowOf(QStringLiteral("param%1").arg(i)) < 0)
                name = QStringLiteral("param%1").arg(i);
    }
    if (rowOf(name) >= 0) {
        emit rejected(tr("A parameter named \"%1\" exists already.").arg(name));
        return -1;
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.push_back({name, templateFor(name)});
    endInsertRows();
    emit spaceEdited(space());
    return row;
}

bool SearchSpaceModel::removeParameter(int row)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    emit spaceEdited(space());
    return true;
}

void SearchSpaceModel::setError(const QString& name, const QString& message)
{
    const int before = rowOf(m_errorName);
    m_errorName = name;
    m_errorMessage = name.isEmpty() ? QString() : message;
    const int after = rowOf(m_errorName);
    if (before >= 0)
        emitRowChanged(before);
    if (after >= 0 && after != before)
        emitRowChanged(after);
}

QString SearchSpaceModel::errorOf(int row) const
{
    return row >= 0 && row == rowOf(m_errorName) ? m_errorMessage : QString();
}

int SearchSpaceModel::errorRow() const
{
    return m_errorName.isEmpty() ? -1 : rowOf(m_errorName);
}

int SearchSpaceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SearchSpaceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool SearchSpaceModel::isRange(int row) const
{
    const QString t = m_rows[row].param.value(kType).toString();
    return t == QLatin1String("float") || t == QLatin1String("int");
}

QString SearchSpaceModel::cellText(int row, int column) const
{
    const QJsonObject& p = m_rows[row].param;
    const QString type = p.value(kType).toString();
    const QJsonObject cond = p.value(kCondition).toObject();
    switch (column) {
    case NameColumn:
        return m_rows[row].name;
    case TypeColumn:
        return JsonText::display(p.value(kType));
    case LowColumn:
        return isRange(row) ? JsonText::display(p.value(kLow)) : QString();
    case HighColumn:
        return isRange(row) ? JsonText::display(p.value(kHigh)) : QString();
    case StepColumn:
        return isRange(row) ? JsonText::display(p.value(kStep)) : QString();
    case ChoicesColumn:
        if (type == QLatin1String("categorical"))
            return JsonText::display(p.value(kChoices));
        if (type == QLatin1String("fixed"))
            return JsonText::display(p.value(kValue));
        return {};
    case ConditionParamColumn:
        return JsonText::display(cond.value(kParam));
    case ConditionOpColumn:
        if (cond.isEmpty())
            return {};
        return cond.contains(kNotIn) ? kNotIn : kIn;
    case ConditionValuesColumn:
        return JsonText::display(cond.contains(kNotIn) ? cond.value(kNotIn) : cond.value(kIn));
    default:
        return {};
    }
}

QVariant SearchSpaceModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index))
        return {};
    const int row = index.row(), column = index.column();
    const bool error = row == errorRow();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (column == LogColumn)
            return {};
        return cellText(row, column);
    case Qt::CheckStateRole:
        if (column == LogColumn && isRange(row))
            return m_rows[row].param.value(kLog).toBool() ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::BackgroundRole:
        if (error)
            return ErrorStyle::background(QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        if (error)
            return m_errorMessage;
        return headerData(column, Qt::Horizontal, Qt::ToolTipRole);
    default:
        return {};
    }
}

Qt::ItemFlags SearchSpaceModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const int row = index.row();
    const QString type = m_rows[row].param.value(kType).toString();
    const bool hasCondition = m_rows[row].param.contains(kCondition);
    switch (index.column()) {
    case NameColumn:
    case TypeColumn:
    case ConditionParamColumn:
        return f | Qt::ItemIsEditable;
    case LowColumn:
    case HighColumn:
    case StepColumn:
        return isRange(row) ? f | Qt::ItemIsEditable : f;
    case LogColumn:
        return isRange(row) ? f | Qt::ItemIsUserCheckable : f;
    case ChoicesColumn:
        return type == QLatin1String("categorical") || type == QLatin1String("fixed")
                   ? f | Qt::ItemIsEditable
                   : f;
    case ConditionOpColumn:
    case ConditionValuesColumn:
        return hasCondition ? f | Qt::ItemIsEditable : f;
    default:
        return f;
    }
}

bool SearchSpaceModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !checkIndex(index))
        return false;
    if (!(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    if (index.column() == LogColumn) {
        if (role != Qt::CheckStateRole)
            return false;
    } else if (role != Qt::EditRole) {
        return false;
    }
    if (!setCell(index.row(), index.column(), value))
        return false;
    emit spaceEdited(space());
    return true;
}

bool SearchSpaceModel::setCell(int row, int column, const QVariant& value)
{
    Row& r = m_rows[row];
    QJsonObject& p = r.param;
    const QString text = value.toString();
    switch (column) {
    case NameColumn: {
        const QString name = text.trimmed();
        if (name == r.name)
            return false;
        if (name.isEmpty()) {
            emit rejected(tr("A parameter needs a name."));
            return false;
        }
        if (rowOf(name) >= 0) {
            emit rejected(tr("A parameter named \"%1\" exists already.").arg(name));
            return false;
        }
        // A row still as it was added takes the new name's template.
        if (p == templateFor(r.name))
            p = templateFor(name);
        const QString old = r.name;
        r.name = name;
        emitRowChanged(row);
        // Conditions follow their parent's new name.
        for (int i = 0; i < m_rows.size(); ++i) {
            QJsonObject cond = m_rows[i].param.value(kCondition).toObject();
            if (i != row && cond.value(kParam).toString() == old) {
                cond.insert(kParam, name);
                m_rows[i].param.insert(kCondition, cond);
                emitRowChanged(i);
            }
        }
        if (m_errorName == old)
            m_errorName = name;
        return true;
    }
    case TypeColumn:
        if (!typeNames().contains(text))
            return false;
        p = convert(p, text);
        break;
    case LowColumn:
    case HighColumn:
    case StepColumn: {
        const QString key = column == LowColumn ? kLow : column == HighColumn ? kHigh : kStep;
        const QJsonValue v = JsonText::numberFromText(text);
        if (v.isUndefined())
            p.remove(key);
        else
            p.insert(key, v);
        break;
    }
    case LogColumn:
        if (value.value<Qt::CheckState>() == Qt::Checked || value.toInt() == Qt::Checked)
            p.insert(kLog, true);
        else
            p.remove(kLog);
        break;
    case ChoicesColumn:
        if (p.value(kType).toString() == QLatin1String("fixed")) {
            const auto v = JsonText::parse(text);
            p.insert(kValue, v ? *v : QJsonValue(text)); // bare text is a string value
        } else {
            p.insert(kChoices, listFromText(text));
        }
        break;
    case ConditionParamColumn: {
        const QString parent = text.trimmed();
        if (parent.isEmpty()) {
            p.remove(kCondition);
            break;
        }
        QJsonObject cond = p.value(kCondition).toObject();
        if (cond.isEmpty()) {
            // Start from the parent's first value, so the new condition is valid at once.
            const QJsonObject parentParam = m_rows.value(rowOf(parent)).param;
            QJsonArray values;
            if (parentParam.value(kChoices).isArray() &&
                !parentParam.value(kChoices).toArray().isEmpty())
                values.append(parentParam.value(kChoices).toArray().first());
            else if (parentParam.contains(kValue))
                values.append(parentParam.value(kValue));
            else if (parentParam.contains(kLow))
                values.append(parentParam.value(kLow));
            cond.insert(kIn, values);
        }
        cond.insert(kParam, parent);
        p.insert(kCondition, cond);
        break;
    }
    case ConditionOpColumn: {
        if (text != kIn && text != kNotIn)
            return false;
        QJsonObject cond = p.value(kCondition).toObject();
        const QJsonValue values = cond.contains(kNotIn) ? cond.value(kNotIn) : cond.value(kIn);
        cond.remove(kIn);
        cond.remove(kNotIn);
        cond.insert(text, values.isUndefined() ? QJsonValue(QJsonArray()) : values);
        p.insert(kCondition, cond);
        break;
    }
    case ConditionValuesColumn: {
        QJsonObject cond = p.value(kCondition).toObject();
        cond.insert(cond.contains(kNotIn) ? kNotIn : kIn, listFromText(text));
        p.insert(kCondition, cond);
        break;
    }
    default:
        return false;
    }
    emitRowChanged(row);
    return true;
}

void SearchSpaceModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QVariant SearchSpaceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Parameter");
        case TypeColumn:
            return tr("Type");
        case LowColumn:
            return tr("Low");
        case HighColumn:
            return tr("High");
        case LogColumn:
            return tr("Log");
        case StepColumn:
            return tr("Step");
        case ChoicesColumn:
            return tr("Choices / value");
        case ConditionParamColumn:
            return tr("Only if");
        case ConditionOpColumn:
            return tr("Is");
        case ConditionValuesColumn:
            return tr("Values");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("The setting this parameter tunes: a dotted path into the objective, such as "
                      "training.learning_rate.");
        case TypeColumn:
            return tr("float and int sample a range, categorical picks one of its choices, fixed "
                      "always takes its value.");
        case LowColumn:
            return tr("The smallest value the parameter may take.");
        case HighColumn:
            return tr("The largest value the parameter may take (inclusive).");
        case LogColumn:
            return tr("Sample on a logarithmic scale, for ranges spanning several orders of "
                      "magnitude such as learning rates (needs low > 0).");
        case StepColumn:
            return tr("Only multiples of this step above low are sampled; empty means continuous "
                      "(float) or 1 (int).");
        case ChoicesColumn:
            return tr("A JSON list of the choices, such as [[32], [64, 64]] or \"adam\", "
                      "\"sgd\"; for a fixed parameter, its one JSON value.");
        case ConditionParamColumn:
            return tr("Another parameter that decides whether this one is used; empty means "
                      "always used.");
        case ConditionOpColumn:
            return tr("in: used when the other parameter takes one of the values; not_in: used "
                      "when it takes none of them.");
        case ConditionValuesColumn:
            return tr("A JSON list of the other parameter's values that the condition tests.");
        }
    }
    return {};
}

} // namespace tw::widgets
