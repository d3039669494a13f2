#pragma once
#include <QJsonArray>
#include <QJsonValue>
#include <QWidget>

class QListWidget;
class QToolButton;

namespace tw::widgets {

// The hidden layers of an MLP (`model.hidden`): a short list of layer sizes, first layer
// on top, with add, remove, up and down. Sizes are edited in place with a spin box.
class LayerListEditor : public QWidget {
    Q_OBJECT
public:
    explicit LayerListEditor(QWidget* parent = nullptr);

    // Shows the array's entries; a value that is not an integer is shown as it is, so the
    // parser's message about it can be read next to it.
    void setLayers(const QJsonValue& layers);
    QJsonArray layers() const;
    QListWidget* list() const { return m_list; }
    void selectLayer(int index);

    void addLayer();
    void removeLayer();
    void moveLayer(int delta);

signals:
    void edited(const QJsonArray& layers);

private:
    void updateButtons();
    QListWidget* m_list;
    QToolButton* m_add;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
    bool m_loading = false;
};

} // namespace tw::widgets
