using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Haris.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "acknowledged_at",
                table: "incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "escalated_at",
                table: "incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "accredited_people",
                columns: table => new
                {
                    badge_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    function = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    photo_reference = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: false),
                    access = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accredited_people", x => x.badge_id);
                });

            migrationBuilder.CreateTable(
                name: "badge_revocations",
                columns: table => new
                {
                    badge_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_badge_revocations", x => x.badge_id);
                });

            migrationBuilder.CreateTable(
                name: "checkpoint_scans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    badge_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    venue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    checkpoint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sensor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkpoint_scans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incident_checklist",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<long>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    text_en = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    text_fr = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    text_ar = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    done_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_checklist", x => x.id);
                    table.ForeignKey(
                        name: "FK_incident_checklist_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_revocations",
                columns: table => new
                {
                    ticket_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_revocations", x => x.ticket_id);
                });

            migrationBuilder.CreateTable(
                name: "ticket_scans",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    venue = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    match = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    gate = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    redirect_gate = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ticket_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    token_error = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    sensor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_scans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    ticket_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    match = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    gate = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    seat = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateTime>(type: "TEXT", nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tickets", x => x.ticket_id);
                });

            migrationBuilder.CreateTable(
                name: "unit_status",
                columns: table => new
                {
                    unit_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    incident_id = table.Column<long>(type: "INTEGER", nullable: true),
                    since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_status", x => x.unit_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_checkpoint_scans_badge_id_at",
                table: "checkpoint_scans",
                columns: new[] { "badge_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_checkpoint_scans_venue_at",
                table: "checkpoint_scans",
                columns: new[] { "venue", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_incident_checklist_incident_id_position",
                table: "incident_checklist",
                columns: new[] { "incident_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ticket_scans_match_id",
                table: "ticket_scans",
                columns: new[] { "match", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_scans_venue_at",
                table: "ticket_scans",
                columns: new[] { "venue", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_match",
                table: "tickets",
                column: "match");

            migrationBuilder.CreateIndex(
                name: "IX_unit_status_incident_id",
                table: "unit_status",
                column: "incident_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accredited_people");

            migrationBuilder.DropTable(
                name: "badge_revocations");

            migrationBuilder.DropTable(
                name: "checkpoint_scans");

            migrationBuilder.DropTable(
                name: "incident_checklist");

            migrationBuilder.DropTable(
                name: "ticket_revocations");

            migrationBuilder.DropTable(
                name: "ticket_scans");

            migrationBuilder.DropTable(
                name: "tickets");

            migrationBuilder.DropTable(
                name: "unit_status");

            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "escalated_at",
                table: "incidents");
        }
    }
}
