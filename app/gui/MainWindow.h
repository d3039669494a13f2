#pragma once
#include <QMainWindow>

namespace tw::gui {

// The workbench's main window: experiment browser on the left, study tabs on the right.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace tw::gui
