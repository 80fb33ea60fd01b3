#pragma once
// Requests about one person by telephone number (GDPR access and erasure) for one vault: Find shows what the vault
// holds (the agent's dry run), Export saves it all as one archive, Erase removes it after a confirmation that
// quotes the dry run's figures — and sends that plan, so a set that changed meanwhile is never erased blind.
#include <QDialog>
#include <QPointer>
#include <functional>
#include <memory>

namespace Ui {
class SubjectDialog;
}

namespace vv::net {
class AgentClient;
class ApiCall;
struct ApiResult;
} // namespace vv::net

namespace vv::recordings {

class SubjectDialog : public QDialog
{
    Q_OBJECT
public:
    SubjectDialog(net::AgentClient *client, qint64 vaultId, QWidget *parent = nullptr);
    ~SubjectDialog() override;

    // How Erase is confirmed (the app's Prompts; tests answer it); default: a message box.
    void setConfirm(std::function<bool(const QString &title, const QString &text)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    // Export without asking where (tests; the button asks for the file first).
    void exportTo(const QString &path);

Q_SIGNALS:
    void erased(); // the recordings list should reload

private:
    void find();
    void erase();
    void busy(bool on);
    void showResult(const QString &text, bool isError);

    std::unique_ptr<Ui::SubjectDialog> m_ui;
    QPointer<net::AgentClient> m_client;
    QPointer<net::ApiCall> m_call;
    qint64 m_vaultId;
    QString m_number; // what the plan was made for
    QString m_plan;
    qint64 m_calls = 0;
    qint64 m_audio = 0;
    qint64 m_bytes = 0;
    qint64 m_held = 0;
    std::function<bool(const QString &, const QString &)> m_confirm;
};

} // namespace vv::recordings
