#include "prompts.h"

#include <QAbstractButton>
#include <QMessageBox>

namespace vv::ui {

namespace {
Prompts::Handler &handler()
{
    static Prompts::Handler h;
    return h;
}
} // namespace

void Prompts::setHandler(Handler h)
{
    handler() = std::move(h);
}

bool Prompts::ask(QWidget *parent, Kind kind, const QString &title, const QString &text)
{
    if (handler())
        return handler()(kind, title, text);
    QMessageBox box(parent);
    box.setWindowTitle(title);
    box.setText(text);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse); // fingerprints and passwords get copied
    switch (kind) {
    case Kind::TrustCertificate:
        box.setIcon(QMessageBox::Question);
        box.setStandardButtons(QMessageBox::Yes | QMessageBox::Cancel);
        box.button(QMessageBox::Yes)->setText(QObject::tr("Trust this server"));
        box.setDefaultButton(QMessageBox::Cancel);
        return box.exec() == QMessageBox::Yes;
    case Kind::ConfirmDestructive:
        box.setIcon(QMessageBox::Warning);
        box.setStandardButtons(QMessageBox::Yes | QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        return box.exec() == QMessageBox::Yes;
    case Kind::ShowSecretOnce:
    case Kind::Information:
        box.setIcon(QMessageBox::Information);
        box.exec();
        return true;
    case Kind::Warning:
        box.setIcon(QMessageBox::Warning);
        box.exec();
        return true;
    }
    return false;
}

} // namespace vv::ui
