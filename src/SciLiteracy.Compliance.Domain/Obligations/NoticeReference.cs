using NodaTime;

namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>A notice cited as a source when it is not one of the seed plans: its title, number, issuer, date and address.</summary>
public sealed record NoticeReference(string Document, string? Number, string Issuer, LocalDate Date, string Url)
{
    /// <summary>The notice as a reader cites it: 国务院办公厅关于…的通知（国办发明电〔2025〕7号，2025-11-04）.</summary>
    public override string ToString() =>
        $"{Document}（{(Number is null ? "" : Number + "，")}{Issuer}，{Date:uuuu-MM-dd}）";
}
