#include "setup/ModelSection.h"

#include "setup/LayerListEditor.h"
#include "setup/SpecDocument.h"
#include "setup/SpecErrorPath.h"
#include "spec/ModelSpec.h"

#include <QFormLayout>
#include <QJsonArray>
#include <QVBoxLayout>

namespace tw::widgets {

namespace {

QStringList modelPath(const QString& key)
{
    return {QStringLiteral("objective"), QStringLiteral("model"), key};
}

} // namespace

ModelSection::ModelSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Model"), doc, {"objective", "model"}, parent)
{
    const ModelSpec d; // the parser's defaults
    m_type = choice(modelPath("type"),
                    QList<SpecField::Choice>{
                        {QJsonValue(QStringLiteral("linear")), tr("linear — linear regression")},
                        {QJsonValue(QStringLiteral("logistic")), tr("logistic — binary classes")},
                        {QJsonValue(QStringLiteral("softmax")), tr("softmax — several classes")},
                        {QJsonValue(QStringLiteral("mlp")), tr("mlp — neural network")}},
                    SpecField::constant(QStringLiteral("mlp")),
                    tr("The model: a linear model, or a multi-layer perceptron with hidden "
                       "layers that can fit non-linear patterns."));

    m_layers = new LayerListEditor(this);
    m_hidden = add(SpecField::custom(
        m_doc, modelPath("hidden"), m_layers,
        [this, d] {
            const QJsonValue v = m_doc->valueOrAbsent(modelPath("hidden"));
            if (v.isUndefined()) {
                QJsonArray def;
                for (int units : d.hidden)
                    def.append(units);
                m_layers->setLayers(def);
            } else {
                m_layers->setLayers(v);
            }
        },
        this));
    m_hidden->setErrorHandler([this](const QStringList& rest, const QString&) {
        if (!rest.isEmpty())
            m_layers->selectLayer(SpecErrorPath::indexOf(rest.first()));
    });
    connect(m_layers, &LayerListEditor::edited, this, [this](const QJsonArray& layers) {
        m_doc->setValue(modelPath("hidden"), layers, m_hidden);
    });

    m_activation = choice(modelPath("activation"),
                          QStringList{QStringLiteral("relu"), QStringLiteral("leaky_relu"),
                                      QStringLiteral("tanh"), QStringLiteral("sigmoid"),
                                      QStringLiteral("gelu")},
                          SpecField::constant(QStringLiteral("relu")),
                          tr("The non-linearity after each hidden layer; relu is a sound default."));
    m_leakySlope = number(modelPath("leaky_slope"), SpecField::constant(d.leakySlope),
                          tr("The slope leaky_relu keeps for negative inputs."));
    m_dropout = number(modelPath("dropout"), SpecField::constant(d.dropout),
                       tr("The fraction of hidden units zeroed at random during training, to "
                          "reduce overfitting; 0 turns it off."));
    m_batchNorm = flag(modelPath("batch_norm"), tr("Batch normalisation"),
                       SpecField::constant(d.batchNorm),
                       tr("Normalise each hidden layer's activations over the mini-batch, which "
                          "often allows higher learning rates."));
    m_init = choice(modelPath("init"),
                    QStringList{QStringLiteral("auto"), QStringLiteral("he"),
                                QStringLiteral("xavier")},
                    SpecField::constant(QStringLiteral("auto")),
                    tr("How the weights start: He suits ReLU-like activations, Xavier tanh and "
                       "sigmoid; auto picks by activation."));

    m_form = newForm();
    addRow(m_form, tr("Type:"), m_type);
    addRow(m_form, tr("Hidden layers:"), m_hidden);
    addRow(m_form, tr("Activation:"), m_activation);
    addRow(m_form, tr("Leaky slope:"), m_leakySlope);
    addRow(m_form, tr("Dropout:"), m_dropout);
    m_form->addRow(QString(), m_batchNorm->widget());
    addRow(m_form, tr("Initialisation:"), m_init);
    m_layout->addLayout(m_form);
    m_layout->addStretch(1);
}

void ModelSection::refresh()
{
    const QJsonValue type = m_type->effectiveValue();
    const bool mlp = type.toString() == QLatin1String("mlp");
    for (SpecField* f : {m_hidden, m_activation, m_dropout, m_batchNorm, m_init})
        setRowVisible(m_form, f, mlp);
    setRowVisible(m_form, m_leakySlope,
                  mlp && m_activation->effectiveValue().toString() == QLatin1String("leaky_relu"));
}

} // namespace tw::widgets
