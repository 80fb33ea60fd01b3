#pragma once
// Shows a customer's invitation once, right after their login was created or its password reset: copy it into an
// e-mail or chat, or save it as a file the customer opens with VIP Vault. It holds a one-time password, so it is
// shown now and never stored by the app.
#include "invitation.h"

#include <QDialog>
#include <memory>

namespace Ui {
class InvitationDialog;
}

namespace vv::ui {

class InvitationDialog : public QDialog
{
    Q_OBJECT
public:
    InvitationDialog(const vv::net::Invitation &invitation, QWidget *parent = nullptr);
    ~InvitationDialog() override;

    // Writes the invitation to `path` (tests, and the Save button after asking where).
    bool saveTo(const QString &path, QString *error) const;

private:
    void save();

    std::unique_ptr<Ui::InvitationDialog> m_ui;
    vv::net::Invitation m_invitation;
};

} // namespace vv::ui
