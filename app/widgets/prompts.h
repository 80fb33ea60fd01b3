#pragma once
// The few modal questions the app asks (trust a certificate, confirm a destructive save, show a password once).
// They go through here so GUI tests can answer them without a nested event loop: a test installs a handler
// (KeePassXC's habit) instead of hunting for a QMessageBox.
#include <QString>
#include <functional>

class QWidget;

namespace vv::ui {

struct Prompts
{
    enum class Kind { TrustCertificate, ConfirmDestructive, ShowSecretOnce, Information, Warning };
    // Returns true for "yes" / "trust" / "OK".
    using Handler = std::function<bool(Kind kind, const QString &title, const QString &text)>;

    static bool ask(QWidget *parent, Kind kind, const QString &title, const QString &text);
    // nullptr restores the real message boxes.
    static void setHandler(Handler handler);
};

} // namespace vv::ui
