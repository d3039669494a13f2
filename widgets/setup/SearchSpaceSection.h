#pragma once
#include "setup/SpecSection.h"

class QLabel;
class QPushButton;
class QTableView;

namespace tw::widgets {

class SearchSpaceModel;

// `search_space`: the parameters to tune, as a table (SearchSpaceModel) with add and
// remove buttons. A parser message about a parameter marks its row and shows under the
// table. The name column suggests the settings the objective has.
class SearchSpaceSection : public SpecSection {
    Q_OBJECT
public:
    SearchSpaceSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;

    SearchSpaceModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLabel* messageLabel() const;

    // The dotted paths a train objective offers, most tuned first.
    static QStringList trainPaths(const QJsonObject& objective);

private:
    SearchSpaceModel* m_model;
    QTableView* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_hint;
    SpecField* m_field;
};

} // namespace tw::widgets
