#pragma once
#include "setup/SpecSection.h"

#include <QJsonObject>

class QBoxLayout;

namespace tw::widgets {

class ConvBlockEditor;
class LayerListEditor;

// `objective.model`: the model type and, for an MLP, its hidden layers, activation,
// dropout, batch normalisation and initialisation; for a CNN also its conv blocks (with
// the map each one outputs and the parameter count, from the engine, as they are edited),
// pooling type and global pooling, in a column beside the others.
class ModelSection : public SpecSection {
    Q_OBJECT
public:
    ModelSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;
    void documentReset() override { m_cnnStash = {}; }
    LayerListEditor* layerEditor() const { return m_layers; }
    ConvBlockEditor* convEditor() const { return m_conv; }
    // A CNN needs the section's full width: the owner lays it out on a row of its own.
    bool wantsFullWidth() const;

private:
    bool isCnn() const;
    void typeEdited();
    void refreshConv();

    QBoxLayout* m_body;
    QFormLayout* m_form;
    QFormLayout* m_convForm;
    SpecField* m_type;
    SpecField* m_hidden;
    SpecField* m_activation;
    SpecField* m_leakySlope;
    SpecField* m_dropout;
    SpecField* m_batchNorm;
    SpecField* m_init;
    SpecField* m_convField;
    SpecField* m_poolType;
    SpecField* m_globalPool;
    LayerListEditor* m_layers;
    ConvBlockEditor* m_conv;
    QJsonObject m_cnnStash; // a CNN's own keys while another type is chosen
};

} // namespace tw::widgets
