#pragma once
#include "setup/SpecSection.h"

namespace tw::widgets {

class LayerListEditor;

// `objective.model`: the model type and, for an MLP, its hidden layers, activation,
// dropout, batch normalisation and initialisation.
class ModelSection : public SpecSection {
    Q_OBJECT
public:
    ModelSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;
    LayerListEditor* layerEditor() const { return m_layers; }

private:
    QFormLayout* m_form;
    SpecField* m_type;
    SpecField* m_hidden;
    SpecField* m_activation;
    SpecField* m_leakySlope;
    SpecField* m_dropout;
    SpecField* m_batchNorm;
    SpecField* m_init;
    LayerListEditor* m_layers;
};

} // namespace tw::widgets
